/** Per-arm summary of a conversion metric: how many visitors converted. */
export interface BinomialStats {
  kind: "binomial";
  n: number;
  conversions: number;
}

/**
 * Per-arm summary of a per-visitor value such as revenue. `sumSquares` is the
 * sum of squared per-visitor values, which is all a t-test needs.
 */
export interface MeanStats {
  kind: "mean";
  n: number;
  sum: number;
  sumSquares: number;
}

export type ArmStats = BinomialStats | MeanStats;

/** Why a comparison fell back to the uninformative default result. */
export type StatsErrorCode = "INVALID_INPUT" | "NOT_ENOUGH_DATA" | "BASELINE_ZERO" | "ZERO_VARIANCE" | "NUMERICAL_ERROR";

export interface FrequentistResult {
  effect: number;
  standardError: number;
  dof: number;
  ciLower: number;
  ciUpper: number;
  pValue: number;
}

export interface BayesianResult {
  effect: number;
  /** Posterior probability that the treatment beats the control. */
  chanceToWin: number;
  ciLower: number;
  ciUpper: number;
  /** Expected relative loss if the control is kept but the treatment was better. */
  riskControl: number;
  /** Expected relative loss if the treatment is shipped but the control was better. */
  riskTreatment: number;
}

export interface SequentialResult {
  effect: number;
  ciLower: number;
  ciUpper: number;
  pValue: number;
}

export interface Comparison {
  /** Relative lift (mean_t − mean_c) / mean_c. */
  frequentist: FrequentistResult;
  /** Same test on the absolute difference mean_t − mean_c. */
  frequentistAbsolute: FrequentistResult;
  /** Flat-prior posterior of the relative lift. */
  bayesian: BayesianResult;
  /** Always-valid interval on the relative lift, safe to check at any time. */
  sequential: SequentialResult;
  errorCode: StatsErrorCode | null;
}

export interface CompareOptions {
  /** Two-sided significance level; 0.05 gives 95% intervals. */
  alpha?: number;
  /** N* of the asymptotic confidence sequence: the total sample size it is tuned for. */
  sequentialTuning?: number;
}
