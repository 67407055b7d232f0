import "server-only";
interface Labelled {
  name: string;
  price: string;
}

/**
 * How a founder recognises each arm in a sentence: its price ("$12.00"), or
 * name and price when two arms share a price, so the decision text is never ambiguous.
 */
export function armLabels(variants: readonly Labelled[], currency: string): string[] {
  const format = new Intl.NumberFormat("en-US", { style: "currency", currency });
  const prices = variants.map((v) => format.format(Number(v.price)));
  return prices.map((p, i) => (prices.indexOf(p) === prices.lastIndexOf(p) ? p : `${variants[i]?.name ?? ""} (${p})`));
}
