import beta from "@stdlib/random-base-beta";
import binomial from "@stdlib/random-base-binomial";
import normal from "@stdlib/random-base-normal";

/** Seeded random draws; the same seed always replays the same sequence. */
export interface Rng {
  uniform(): number;
  normal(mu: number, sigma: number): number;
  beta(a: number, b: number): number;
  binomial(n: number, p: number): number;
}

const MAX_SEED = 4294967295;

/** mt19937 only takes integers in [1, 2³² − 1]; fold anything else into that range. */
export function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) return 1;
  const s = Math.abs(Math.trunc(seed)) % MAX_SEED;
  return s === 0 ? MAX_SEED : s;
}

/**
 * All samplers are driven by the seeded Mersenne Twister behind the normal
 * sampler (its `PRNG`, uniform on [0, 1)), so results depend only on the seed
 * and the order of calls.
 */
export function createRng(seed: number): Rng {
  const normalDraw = normal.factory({ seed: normaliseSeed(seed) });
  const uniform = normalDraw.PRNG;
  const betaDraw = beta.factory({ prng: uniform });
  const binomialDraw = binomial.factory({ prng: uniform });
  return {
    uniform: () => uniform(),
    normal: (mu, sigma) => (sigma > 0 ? normalDraw(mu, sigma) : mu),
    beta: (a, b) => betaDraw(a, b),
    binomial: (n, p) => (n > 0 && p > 0 ? (p >= 1 ? n : binomialDraw(n, p)) : 0),
  };
}
