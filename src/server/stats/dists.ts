// One place that names the stdlib distribution functions, so the rest of the
// folder reads like the formulas and the library can be swapped in one file.
import betaCdf from "@stdlib/stats-base-dists-beta-cdf";
import betaPdf from "@stdlib/stats-base-dists-beta-pdf";
import betaQuantile from "@stdlib/stats-base-dists-beta-quantile";
import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalPdf from "@stdlib/stats-base-dists-normal-pdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

export { betaCdf, betaPdf, betaQuantile, normalCdf, normalPdf, normalQuantile, tCdf, tQuantile };

/** Standard normal Φ(x). */
export function phi(x: number): number {
  return normalCdf(x, 0, 1);
}

/** Standard normal density φ(x). */
export function phiDensity(x: number): number {
  return normalPdf(x, 0, 1);
}

/** Upper tail P(X > x) of a chi-square with k degrees of freedom. */
export function chisquareSf(x: number, k: number): number {
  if (!(x > 0)) return 1;
  return Math.max(0, 1 - chisquareCdf(x, k));
}

export function isFiniteNumber(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}
