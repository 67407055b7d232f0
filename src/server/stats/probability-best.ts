import { betaCdf, betaPdf, betaQuantile, isFiniteNumber } from "./dists";
import { createRng } from "./rng";
import type { BinomialStats, MeanStats } from "./types";

type Counts = Pick<BinomialStats, "n" | "conversions">;
type Sums = Pick<MeanStats, "n" | "sum" | "sumSquares">;

// The integrand for arm i is its density times the other arms' CDFs; a CDF
// can jump from 0 to 1 over a sliver of i's range (an arm with far more
// visitors), so the range is cut at every arm's quantiles and each piece gets
// its own Simpson panels. Tails beyond 1e-13 are dropped.
const LEVELS = [1e-13, 1e-9, 1e-6, 1e-3, 0.02, 0.16, 0.5, 0.84, 0.98, 1 - 1e-3, 1 - 1e-6, 1 - 1e-9, 1 - 1e-13];
// Another arm's CDF only needs its rise from ~0 to ~1 resolved.
const OTHER_LEVELS = new Set([1e-6, 1e-3, 0.16, 0.5, 0.84, 1 - 1e-3, 1 - 1e-6]);
const PANELS_PER_PIECE = 64;

function posterior(arm: Counts): [number, number] {
  const n = isFiniteNumber(arm.n) && arm.n > 0 ? arm.n : 0;
  const c = isFiniteNumber(arm.conversions) ? Math.min(Math.max(arm.conversions, 0), n) : 0;
  return [1 + c, 1 + n - c];
}

function simpson(f: (x: number) => number, lo: number, hi: number): number {
  const h = (hi - lo) / PANELS_PER_PIECE;
  if (!(h > 0)) return 0;
  let acc = f(lo) + f(hi);
  for (let k = 1; k < PANELS_PER_PIECE; k++) acc += (k % 2 === 1 ? 4 : 2) * f(lo + k * h);
  return (acc * h) / 3;
}

function normalise(p: number[]): number[] {
  const total = p.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return p.map(() => 1 / p.length);
  return p.map((x) => x / total);
}

/**
 * P(arm i has the highest conversion rate) under independent Beta(1 + c,
 * 1 + n − c) posteriors (uniform prior), by numerical integration of
 * ∫ f_i(x) Π_{j≠i} F_j(x) dx — deterministic, and well defined with zero
 * conversions (the posterior is then just concentrated near 0).
 */
export function probabilityBestBinomial(arms: readonly Counts[]): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const params = arms.map(posterior);
  const cuts = params.map(([a, b]) => LEVELS.map((q) => betaQuantile(q, a, b)));
  const raw = params.map(([a, b], i) => {
    const own = cuts[i] ?? [];
    const lo = own[0] ?? 0;
    const hi = own[own.length - 1] ?? 1;
    const others = cuts.flatMap((c, j) => (j === i ? c : c.filter((_, k) => OTHER_LEVELS.has(LEVELS[k] ?? 0))));
    const points = [...new Set(others.filter((x) => x > lo && x < hi).concat(lo, hi))].sort((x, y) => x - y);
    const integrand = (x: number): number => {
      let f = betaPdf(x, a, b);
      params.forEach(([aj, bj], j) => {
        if (j !== i && f > 0) f *= betaCdf(x, aj, bj);
      });
      return f;
    };
    let total = 0;
    for (let p = 1; p < points.length; p++) total += simpson(integrand, points[p - 1] ?? lo, points[p] ?? hi);
    return Math.max(0, total);
  });
  // Integration error and the trimmed tails are ~1e-12; renormalising makes
  // the probabilities sum to exactly 1 for display and for bandit weights.
  return normalise(raw);
}

export interface ProbabilityBestMeanOptions {
  seed: number;
  draws?: number;
}

/**
 * P(arm i has the highest mean per visitor, e.g. revenue per visitor) with each
 * arm's mean approximated as N(mean, variance / n), by seeded Monte Carlo.
 * An arm whose values do not vary yet (no sales) would be a point mass, i.e.
 * falsely certain, so it borrows the pooled variance of all arms; an empty arm
 * also borrows the pooled mean. Exact ties share the win.
 */
export function probabilityBestMean(arms: readonly Sums[], options: ProbabilityBestMeanOptions): number[] {
  if (arms.length === 0) return [];
  if (arms.length === 1) return [1];
  const clean = arms.map((a) => ({
    n: isFiniteNumber(a.n) && a.n > 0 ? a.n : 0,
    sum: isFiniteNumber(a.sum) ? a.sum : 0,
    sumSquares: isFiniteNumber(a.sumSquares) ? a.sumSquares : 0,
  }));
  const totalN = clean.reduce((s, a) => s + a.n, 0);
  const totalSum = clean.reduce((s, a) => s + a.sum, 0);
  const totalSq = clean.reduce((s, a) => s + a.sumSquares, 0);
  const pooledMean = totalN > 0 ? totalSum / totalN : 0;
  const pooledVar = totalN > 1 ? Math.max(0, (totalSq - (totalSum * totalSum) / totalN) / (totalN - 1)) : 0;

  const dists = clean.map((a) => {
    const mean = a.n > 0 ? a.sum / a.n : pooledMean;
    const own = a.n > 1 ? (a.sumSquares - (a.sum * a.sum) / a.n) / (a.n - 1) : 0;
    const variance = own > 0 ? own : pooledVar;
    return { mean, sd: Math.sqrt(variance / Math.max(a.n, 1)) };
  });

  const draws = Math.max(1, Math.floor(options.draws ?? 20000));
  const rng = createRng(options.seed);
  const wins = new Array<number>(arms.length).fill(0);
  const values = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < draws; d++) {
    let best = -Infinity;
    dists.forEach((x, i) => {
      const v = rng.normal(x.mean, x.sd);
      values[i] = v;
      if (v > best) best = v;
    });
    const tied = values.filter((v) => v === best).length;
    values.forEach((v, i) => {
      if (v === best) wins[i] = (wins[i] ?? 0) + 1 / tied;
    });
  }
  return wins.map((w) => w / draws);
}
