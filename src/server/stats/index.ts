// Statistics engine: pure functions over per-arm summary statistics.
export { compareToControl, DEFAULT_ALPHA } from "./compare";
export { DEFAULT_SEQUENTIAL_TUNING } from "./sequential";
export { isSrmFlagged, SRM_ALARM_THRESHOLD, srmPValue } from "./srm";
export { probabilityBestBinomial, probabilityBestMean } from "./probability-best";
export type { ProbabilityBestMeanOptions } from "./probability-best";
export { armMean, armVariance } from "./summary";
export { wilson } from "./wilson";
export * from "./bandit";
export type {
  ArmStats,
  BayesianResult,
  BinomialStats,
  CompareOptions,
  Comparison,
  FrequentistResult,
  MeanStats,
  SequentialResult,
  StatsErrorCode,
} from "./types";
export * from "./evaluate";
