import { DEFAULT_MDE, DEFAULT_TUNING, decide } from "./decide";
import { recommendPrice } from "./recommend";
import { expectedVisitors, srmPValueForPeriods } from "./srm-periods";
import type { EvaluateInput, Evaluation } from "./types";

const plain = (x: number) => x.toFixed(2);

/**
 * The whole rule behind a results page, on aggregates only: the decision (with
 * the visitors the same rule still needs), the price to charge, and the traffic
 * split check across weight periods. `experiments.results` calls this; the
 * simulations in sim/ call it the same way.
 */
export function evaluateExperiment(input: EvaluateInput, opts: { seed?: number; formatMoney?: (x: number) => string } = {}): Evaluation {
  const mode = input.mode ?? "sequential";
  const mde = input.mde && input.mde > 0 ? input.mde : DEFAULT_MDE;
  const target = input.targetSampleSize && input.targetSampleSize > 0 ? input.targetSampleSize : DEFAULT_TUNING;
  const srmPValue = input.srmUncheckable ? 1 : srmPValueForPeriods(input.arms, input.periods);
  const decision = decide({ arms: input.arms, mode, mde, target, srmPValue });
  const rec = recommendPrice(input.arms, input.unitCost ?? null, opts.seed ?? 1, opts.formatMoney ?? plain);
  return {
    decision: {
      action: decision.action,
      variantKey: decision.variantKey,
      why: decision.why,
      ...(decision.visitorsNeeded === undefined ? {} : { visitorsNeeded: decision.visitorsNeeded }),
    },
    recommendation: rec.recommendation,
    recommendationNote: rec.note,
    demandCurve: rec.curve,
    srmPValue,
    srmSkippedReason: input.srmUncheckable ?? null,
    comparisons: decision.comparisons,
    mode,
    mde,
    targetSampleSize: target,
    expectedVisitors: expectedVisitors(input.arms, input.periods),
    revenueCap: input.revenueCap ?? null,
  };
}
