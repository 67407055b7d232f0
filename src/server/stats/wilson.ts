/**
 * Wilson score interval for a proportion (95% by default); sound at small counts and at
 * 0 or 100%, where the normal approximation collapses to a point. NaN bounds when n ≤ 0.
 */
export function wilson(successes: number, n: number, z = 1.959964): { lower: number; upper: number } {
  if (n <= 0) return { lower: Number.NaN, upper: Number.NaN };
  const p = successes / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}
