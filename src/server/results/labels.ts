import "server-only";
import { moneyFormatter } from "@/shared/format";

interface Labelled {
  name: string;
  price: string;
}

/**
 * How a founder recognises each arm in a sentence: its price ("$12.00"), or
 * name and price when two arms share a price, so the decision text is never ambiguous.
 */
export function armLabels(variants: readonly Labelled[], currency: string): string[] {
  const money = moneyFormatter(currency);
  const prices = variants.map((v) => money(Number(v.price)));
  return prices.map((p, i) => (prices.indexOf(p) === prices.lastIndexOf(p) ? p : `${variants[i]?.name ?? ""} (${p})`));
}
