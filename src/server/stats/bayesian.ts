import { normalQuantile, phi, phiDensity } from "./dists";
import type { EffectMoments } from "./moments";
import type { BayesianResult } from "./types";

/**
 * Expected loss of each decision under a N(μ, σ²) posterior of the effect, as
 * gbstats defines it with truncated-normal means:
 *   riskControl   = P(X > 0) · E[X | X > 0]    (what keeping the control forgoes)
 *   riskTreatment = −P(X < 0) · E[X | X < 0]   (what shipping the treatment costs)
 * Multiplying out E[X | X > 0] = μ + σφ(z)/Φ(z) with z = μ/σ gives the closed
 * forms below, which stay finite where the truncated mean's denominator
 * underflows to 0.
 */
export function expectedLosses(mu: number, sigma: number): { riskControl: number; riskTreatment: number } {
  const z = mu / sigma;
  const density = sigma * phiDensity(z);
  const riskControl = mu * phi(z) + density;
  const riskTreatment = density - mu * phi(-z);
  // Rounding can push a loss that is mathematically ≥ 0 a hair below zero.
  return { riskControl: Math.max(0, riskControl), riskTreatment: Math.max(0, riskTreatment) };
}

/**
 * Bayesian test on the effect with gbstats' default improper flat Gaussian
 * prior (EffectBayesianABTest / GaussianEffectABTest): the posterior of the
 * effect is then N(estimate, standard error²).
 */
export function flatPriorEffectTest(m: EffectMoments, alpha: number): BayesianResult {
  const mu = m.effect;
  const sigma = Math.sqrt(m.variance);
  const z = normalQuantile(1 - alpha / 2, 0, 1);
  return {
    effect: mu,
    chanceToWin: phi(mu / sigma),
    ciLower: mu - z * sigma,
    ciUpper: mu + z * sigma,
    ...expectedLosses(mu, sigma),
  };
}

/** gbstats' uninformative result: a coin flip with nothing at stake. */
export function defaultBayesian(): BayesianResult {
  return { effect: 0, chanceToWin: 0.5, ciLower: 0, ciUpper: 0, riskControl: 0, riskTreatment: 0 };
}
