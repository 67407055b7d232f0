// Numbers as people read them, for the dashboard and for the sentences the server writes
// (decision text, recommendation notes), so both say the same thing the same way.
// Imported by browser and server code alike: it must import nothing from src/server.

const LOCALE = "en-US";

function currencyFormat(currency: string, minDigits: number, maxDigits: number): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency, minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
  } catch {
    // A code Intl rejects still shows the amount rather than breaking the page.
    return new Intl.NumberFormat(LOCALE, { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits });
  }
}

/** The decimals a currency is normally written with: 2 for USD and EUR, 0 for JPY, 3 for KWD. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat(LOCALE, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** An amount in the experiment's currency with its usual decimals: "$12.00", "€12.00", "¥1,200". */
export function moneyFormatter(currency: string): (x: number) => string {
  const digits = currencyDigits(currency);
  const fmt = currencyFormat(currency, digits, digits);
  return (x: number) => fmt.format(x);
}

export function money(x: number, currency: string): string {
  return moneyFormatter(currency)(x);
}

/** Revenue per visitor is a rate: whole cents would hide the differences, so it keeps up to 4 decimals. */
export function rateMoneyFormatter(currency: string): (x: number) => string {
  const digits = currencyDigits(currency);
  const fmt = currencyFormat(currency, digits, Math.max(4, digits));
  return (x: number) => fmt.format(x);
}

/** Money with exactly `digits` decimals (a table column reads evenly); "—" when not a number. */
export function fixedMoneyFormatter(currency: string, digits: number): (x: number) => string {
  const fmt = currencyFormat(currency, digits, digits);
  return (x: number) => (Number.isFinite(x) ? fmt.format(x) : "—");
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

/** 0.0812 → "8.1%"; "—" when not a number. */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(digits)}%` : "—";
}

/** 0.0812 → "+8.1%", −0.02 → "−2.0%" (a true minus sign), 0 → "0.0%"; "—" when not a number. */
export function signedPct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return "—";
  return `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x * 100).toFixed(digits)}%`;
}

/** A whole count with thousands separators: 12345 → "12,345". */
export function count(n: number): string {
  return Math.round(n).toLocaleString(LOCALE);
}

/**
 * Probabilities as whole percents, but never "100%" or "0%": the model is
 * never certain and the words should not claim it is.
 */
export function chance(p: number): string {
  if (p >= 0.995) return "99%+";
  if (p < 0.005) return "<1%";
  return `${Math.round(p * 100)}%`;
}

/** Small probabilities as odds a person can picture: 0.0002 → "about 1 in 5,000". */
export function odds(p: number): string {
  if (!(p > 0)) return "practically zero";
  return `about 1 in ${count(1 / p)}`;
}

/** 0.99 → "99th", 0.995 → "99.5th": a percentile as people say it. */
export function percentileWords(q: number): string {
  const n = Math.round(q * 1000) / 10;
  const whole = Number.isInteger(n) ? n : null;
  const suffix = whole === null ? "th" : whole % 100 >= 11 && whole % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][whole % 10] ?? "th");
  return `${n}${suffix}`;
}

/** An ISO timestamp as a date a person reads, e.g. "12 Mar 2026". */
export function day(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

/** Whether a price's label already says its price ("$24", "24 EUR"), so it need not be repeated beside it. */
export function labelShowsPrice(label: string, price: string): boolean {
  const digits = label.replace(/[^\d.]/g, "").replace(/\.+$/, "");
  return digits !== "" && Number(digits) === Number(price);
}
