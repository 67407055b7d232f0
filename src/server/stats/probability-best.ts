import { betaCdf, betaPdf, betaQuantile, isFiniteNumber } from "./dists";
import { createRng } from "./rng";
import type { BinomialStats, MeanStats } from "./types";

type Counts = Pick<BinomialStats, "n" | "conversions">;
type Sums = Pick<MeanStats, "n" | "sum" | "sumSquares">;

// Simpson panels per arm. Each integral only spans its own arm's posterior
// (±7σ or so), where the integrand is a smooth bump, so this is far more than
// needed for 1e-9 accuracy and still cheap.
const PANELS = 2000;
const TAIL = 1e-13;

function posterior(arm: Counts): [number, number] {
  const n = isFiniteNumber(arm.n) && arm.n > 0 ? arm.n : 0;
  const c = isFiniteNumber(arm.conversions) ? Math.min(Math.max(arm.conversions, 0), n) : 0;
  return [1 + c, 1 + n - c];
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
  const raw = params.map(([a, b], i) => {
    const lo = betaQuantile(TAIL, a, b);
    const hi = betaQuantile(1 - TAIL, a, b);
    const h = (hi - lo) / PANELS;
    let acc = 0;
    for (let k = 0; k <= PANELS; k++) {
      const x = lo + k * h;
      let f = betaPdf(x, a, b);
      params.forEach(([aj, bj], j) => {
        if (j !== i && f > 0) f *= betaCdf(x, aj, bj);
      });
      const weight = k === 0 || k === PANELS ? 1 : k % 2 === 1 ? 4 : 2;
      acc += weight * f;
    }
    return Math.max(0, (acc * h) / 3);
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
