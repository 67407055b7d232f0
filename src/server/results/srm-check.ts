import { isSrmFlagged, srmPValue } from "@/server/stats";
import type { TExperimentResults } from "./schemas";

export interface SrmCheckInput {
  banditMetric: string | null;
  lastReweightAt: Date | null;
  visitors: readonly number[];
  weights: readonly number[];
}

/**
 * A bandit moves traffic between arms over time, so the visitors so far are not
 * expected to match today's weights; testing them against those weights would
 * flag every bandit experiment. Once it has been reweighted the check is skipped, and says so.
 */
export function srmCheck(input: SrmCheckInput): TExperimentResults["srm"] {
  if (input.banditMetric && input.lastReweightAt) {
    return {
      pValue: 1,
      flagged: false,
      skippedReason: "This experiment is a bandit: its weights change over time, so visitors are not expected to match the current weights.",
    };
  }
  const pValue = srmPValue(input.visitors, input.weights);
  return { pValue, flagged: isSrmFlagged(pValue), skippedReason: null };
}
