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

export const count = (n: number) => n.toLocaleString("en-US");

/**
 * Probabilities as whole percents, but never "100%" or "0%": the model is
 * never certain and the words should not claim it is.
 */
export function chance(p: number): string {
  if (p >= 0.995) return "99%+";
  if (p < 0.005) return "<1%";
  return `${Math.round(p * 100)}%`;
}

/** An ISO timestamp as a date a person reads, e.g. "12 Mar 2026". */
export function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Wilson score interval for a proportion (95%); sound at small counts and at 0 or 100%. */
export function wilson(successes: number, n: number, z = 1.959964): { lower: number; upper: number } {
  if (n <= 0) return { lower: Number.NaN, upper: Number.NaN };
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

/** 0.99 → "99th", 0.995 → "99.5th": a percentile as people say it. */
export function percentileWords(q: number): string {
  const n = Math.round(q * 1000) / 10;
  const whole = Number.isInteger(n) ? n : null;
  const suffix = whole === null ? "th" : whole % 100 >= 11 && whole % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][whole % 10] ?? "th");
  return `${n}${suffix}`;
}

/**
 * Decimals for a column of per-visitor amounts: one precision for the whole column, enough
 * for the smallest non-zero value to show 3 significant digits, between 2 and 4.
 */
export function rateDigits(values: readonly number[]): number {
  const smallest = Math.min(...values.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs));
  if (!Number.isFinite(smallest)) return 2;
  return Math.min(4, Math.max(2, 2 - Math.floor(Math.log10(smallest))));
}

/** Money with exactly `digits` decimals (a table column reads evenly). */
export function fixedMoneyFormatter(currency: string, digits: number): (x: number) => string {
  let fmt: Intl.NumberFormat;
  try {
    fmt = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  } catch {
    fmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  return (x: number) => (Number.isFinite(x) ? fmt.format(x) : "—");
}

/** Whether a price's label already says its price ("$24", "24 EUR"), so it need not be repeated beside it. */
export function labelShowsPrice(label: string, price: string): boolean {
  const digits = label.replace(/[^\d.]/g, "").replace(/\.+$/, "");
  return digits !== "" && Number(digits) === Number(price);
}
