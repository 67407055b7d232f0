export { chance } from "@/server/stats/decision-words";

function formatter(currency: string, maxDigits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: maxDigits });
  } catch {
    return new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: maxDigits });
  }
}

export function moneyFormatter(currency: string): (x: number) => string {
  const fmt = formatter(currency, 2);
  return (x: number) => fmt.format(x);
}

/** Revenue per visitor is a rate: whole cents would hide the differences, so it keeps up to 4 decimals. */
export function rateMoneyFormatter(currency: string): (x: number) => string {
  const fmt = formatter(currency, 4);
  return (x: number) => fmt.format(x);
}

export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—";
}

export function signedPct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(digits)}%`;
}

export const count = (n: number) => n.toLocaleString();

/** Wilson score interval for a proportion (95%); sound at small counts and at 0 or 100%. */
export function wilson(successes: number, n: number, z = 1.959964): { lower: number; upper: number } {
  if (n <= 0) return { lower: Number.NaN, upper: Number.NaN };
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
