import { defaultBayesian, flatPriorEffectTest } from "./bayesian";
import { defaultFrequentist, twoSidedTTest } from "./frequentist";
import { absoluteEffect, armMoments, relativeEffect, welchDof } from "./moments";
import { DEFAULT_SEQUENTIAL_TUNING, defaultSequential, sequentialTest } from "./sequential";
import { isInvalidArm } from "./summary";
import type { ArmStats, CompareOptions, Comparison, StatsErrorCode } from "./types";

export const DEFAULT_ALPHA = 0.05;

function defaultComparison(errorCode: StatsErrorCode): Comparison {
  return {
    frequentist: defaultFrequentist(),
    frequentistAbsolute: defaultFrequentist(),
    bayesian: defaultBayesian(),
    sequential: defaultSequential(),
    errorCode,
  };
}

function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

/**
 * Treatment vs control on one metric, with gbstats 0.8 definitions and defaults:
 * Welch t-tests on the relative and absolute difference, a flat-prior Bayesian
 * test and an always-valid sequential interval on the relative lift.
 *
 * Inputs that cannot support a test get gbstats' uninformative defaults plus an
 * error code, checked in this order:
 *   INVALID_INPUT   counts that cannot be real (negative, NaN, conversions > n)
 *   NOT_ENOUGH_DATA fewer than 2 visitors in an arm
 *   BASELINE_ZERO   control mean 0: a relative lift is undefined
 *   ZERO_VARIANCE   an arm whose values are all equal (e.g. no conversions)
 * Like gbstats, every part of the result falls back together, the absolute
 * test included, so a screen never mixes real and placeholder numbers.
 */
export function compareToControl(control: ArmStats, treatment: ArmStats, options: CompareOptions = {}): Comparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const tuning = options.sequentialTuning ?? DEFAULT_SEQUENTIAL_TUNING;
  const badOptions = !(alpha > 0 && alpha < 1) || !(tuning > 0);
  if (badOptions || isInvalidArm(control) || isInvalidArm(treatment)) {
    return defaultComparison("INVALID_INPUT");
  }
  if (control.n < 2 || treatment.n < 2) return defaultComparison("NOT_ENOUGH_DATA");

  const c = armMoments(control);
  const t = armMoments(treatment);
  if (c.mean === 0) return defaultComparison("BASELINE_ZERO");
  if (!(c.variance > 0 && t.variance > 0)) return defaultComparison("ZERO_VARIANCE");

  const dof = welchDof(c, t);
  const relative = relativeEffect(c, t);
  const result: Comparison = {
    frequentist: twoSidedTTest(relative, dof, alpha),
    frequentistAbsolute: twoSidedTTest(absoluteEffect(c, t), dof, alpha),
    bayesian: flatPriorEffectTest(relative, alpha),
    sequential: sequentialTest(relative, c.n + t.n, alpha, tuning),
    errorCode: null,
  };
  // Extreme but valid inputs (e.g. 1e300 revenue) can still overflow; never
  // hand NaN or Infinity to callers.
  return allFinite(result) ? result : defaultComparison("NUMERICAL_ERROR");
}
