// Number formatting for sentences shown to tenants.

/** 0.0812 → "8.1%"; magnitude only, the sentence supplies "more"/"less". */
export function percent(x: number, digits = 1): string {
  return `${(Math.abs(x) * 100).toFixed(digits)}%`;
}

/** 0.0812 → "+8.1%", −0.02 → "−2.0%". */
export function signedPercent(x: number, digits = 1): string {
  const sign = x < 0 ? "−" : "+";
  return `${sign}${(Math.abs(x) * 100).toFixed(digits)}%`;
}

/** Small probabilities as odds a person can picture: 0.0002 → "1 in 5,000". */
export function odds(p: number): string {
  if (!(p > 0)) return "practically zero";
  return `about 1 in ${Math.round(1 / p).toLocaleString("en-US")}`;
}
