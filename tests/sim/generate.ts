import { createRng, type Rng } from "../../src/server/stats/rng";
import type { EvalArm } from "../../src/server/stats";

export interface TrueArm {
  key: string;
  price: number;
  /** True conversion probability. */
  p: number;
  isControl?: boolean;
}

export function emptyArms(truth: readonly TrueArm[], weights?: readonly number[]): EvalArm[] {
  return truth.map((t, i) => ({
    key: t.key,
    isControl: t.isControl ?? i === 0,
    price: t.price,
    weight: weights?.[i] ?? 1,
    visitors: 0,
    convertingVisitors: 0,
    conversions: 0,
    revenue: 0,
    revenueSumSquares: 0,
  }));
}

/** Multinomial(n, shares) by sequential binomials. */
export function multinomial(rng: Rng, n: number, shares: readonly number[]): number[] {
  const out: number[] = [];
  let left = n;
  let mass = 1;
  shares.forEach((s, i) => {
    if (i === shares.length - 1) {
      out.push(left);
      return;
    }
    const k = mass > 0 ? rng.binomial(left, Math.min(1, Math.max(0, s / mass))) : 0;
    out.push(k);
    left -= k;
    mass -= s;
  });
  return out;
}

/**
 * Adds `block` visitors split by `shares`, each buying once at the arm's price
 * with the arm's probability: same distribution as one visitor at a time.
 */
export function addBlock(rng: Rng, arms: EvalArm[], truth: readonly TrueArm[], block: number, shares: readonly number[]): void {
  const counts = multinomial(rng, block, shares);
  arms.forEach((a, i) => {
    const n = counts[i] ?? 0;
    const t = truth[i]!;
    const buyers = rng.binomial(n, t.p);
    a.visitors += n;
    a.convertingVisitors += buyers;
    a.conversions += buyers;
    a.revenue += buyers * t.price;
    a.revenueSumSquares += buyers * t.price * t.price;
  });
}

export function sharesOf(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

export { createRng };
