import { armMean, armVariance } from "./summary";
import type { ArmStats } from "./types";

export interface ArmMoments {
  mean: number;
  /** Per-visitor variance, not the variance of the mean. */
  variance: number;
  n: number;
}

export interface EffectMoments {
  effect: number;
  /** Variance of the effect estimate (standard error squared). */
  variance: number;
}

export function armMoments(s: ArmStats): ArmMoments {
  return { mean: armMean(s), variance: armVariance(s), n: s.n };
}

export function absoluteEffect(c: ArmMoments, t: ArmMoments): EffectMoments {
  return { effect: t.mean - c.mean, variance: t.variance / t.n + c.variance / c.n };
}

/**
 * Relative lift and its delta-method variance. The two arms are independent,
 * so the covariance term of Var(M/D) drops out and the variance is
 * Var(M)/D² + Var(D)·M²/D⁴ with M, D the treatment and control means.
 */
export function relativeEffect(c: ArmMoments, t: ArmMoments): EffectMoments {
  const varT = t.variance / t.n;
  const varC = c.variance / c.n;
  const d2 = c.mean * c.mean;
  return {
    effect: (t.mean - c.mean) / c.mean,
    variance: varT / d2 + (varC * t.mean * t.mean) / (d2 * d2),
  };
}

/**
 * Welch–Satterthwaite degrees of freedom. gbstats uses the absolute per-arm
 * variances even for the relative effect, so this does too.
 */
export function welchDof(c: ArmMoments, t: ArmMoments): number {
  const vt = t.variance / t.n;
  const vc = c.variance / c.n;
  const num = (vt + vc) ** 2;
  const den = (vt * vt) / (t.n - 1) + (vc * vc) / (c.n - 1);
  return num / den;
}
