import { isFiniteNumber } from "./dists";

/** No arm drops below this share, so a wrongly written-off arm can recover. */
export const BANDIT_WEIGHT_FLOOR = 0.01;
/** Integer weights are stored out of this total. */
export const BANDIT_WEIGHT_SCALE = 10000;

/**
 * Raises every share to at least `floor` and scales the rest down to make
 * room. Scaling can push another arm under the floor, so repeat until stable
 * (at most one pass per arm).
 */
export function applyWeightFloor(shares: readonly number[], floor = BANDIT_WEIGHT_FLOOR): number[] {
  const k = shares.length;
  if (k === 0) return [];
  const f = Math.min(floor, 1 / k);
  const clean = shares.map((s) => (isFiniteNumber(s) && s > 0 ? s : 0));
  const pinned = new Array<boolean>(k).fill(false);
  let weights = clean;
  for (let pass = 0; pass < k; pass++) {
    const free = clean.reduce((acc, s, i) => (pinned[i] ? acc : acc + s), 0);
    const room = 1 - f * pinned.filter(Boolean).length;
    const freeCount = pinned.filter((p) => !p).length;
    weights = clean.map((s, i) => (pinned[i] ? f : free > 0 ? (s / free) * room : room / freeCount));
    const under = weights.map((w, i) => !pinned[i] && w < f);
    if (!under.some(Boolean)) break;
    under.forEach((u, i) => {
      if (u) pinned[i] = true;
    });
  }
  return weights;
}

/** Largest-remainder rounding, so the integers always add up to `scale`. */
export function toIntegerWeights(weights: readonly number[], scale = BANDIT_WEIGHT_SCALE): number[] {
  // The epsilon stops 0.01 × 10000 = 99.99999… from rounding down to 99.
  const exact = weights.map((w) => w * scale);
  const base = exact.map((x) => Math.floor(x + 1e-9));
  let left = scale - base.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rem: x - Math.floor(x + 1e-9) })).sort((a, b) => b.rem - a.rem);
  for (const { i } of order) {
    if (left <= 0) break;
    base[i] = (base[i] ?? 0) + 1;
    left--;
  }
  return base;
}
