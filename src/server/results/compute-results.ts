import { fnv1a32 } from "@/server/assignment/bucketing";
import type { Db } from "@/server/db";
import type { ExperimentStatus } from "@/server/experiments/schemas";
import { appError } from "@/server/lib/app-error";
import {
  type CompareOptions,
  compareToControl,
  DECISION_RULES,
  decide,
  fitDemandCurve,
  probabilityBestBinomial,
  probabilityBestMean,
} from "@/server/stats";
import { type ArmTotals, armTotals, conversionStats, revenueStats } from "./arm-stats";
import { demandCurveOutput } from "./demand-curve-output";
import { armLabels } from "./labels";
import { type ExperimentWithMetrics, loadExperimentMetrics } from "./load-experiment-metrics";
import type { TExperimentResults, TVariantResult } from "./schemas";
import { srmCheck } from "./srm-check";

export interface ResultsDeps {
  db: Db;
  now?: () => Date;
}

/** Results of one of the tenant's experiments; NOT_FOUND for a missing id and for another tenant's. */
export async function computeResults(deps: ResultsDeps, tenantId: string, id: string): Promise<TExperimentResults> {
  const row = await loadExperimentMetrics(deps.db, tenantId, id);
  return buildResults(row, deps.now?.() ?? new Date());
}

/**
 * Draws for P(best revenue per visitor): the Monte Carlo error is at most
 * 0.5 percentage points, below the whole percents the dashboard shows, at half
 * the cost of the engine's default.
 */
export const RESULTS_PROBABILITY_DRAWS = 10_000;

// Same experiment and same data give the same Monte Carlo numbers on every refresh.
export function resultsSeed(experimentId: string): number {
  return fnv1a32(`results:${experimentId}`);
}

/**
 * The confidence sequence is tightest at its tuning size N*; an experiment's
 * planned total sample size is exactly what N* stands for, so it is used when set.
 */
export function compareOptionsFor(targetSampleSize: number | null): CompareOptions {
  return targetSampleSize && targetSampleSize > 0 ? { sequentialTuning: targetSampleSize } : {};
}

const ratio = (a: number, n: number) => (n > 0 ? a / n : 0);

export function buildResults(row: ExperimentWithMetrics, now: Date): TExperimentResults {
  const variants = row.variants;
  const controlIndex = Math.max(0, variants.findIndex((v) => v.isControl));
  const control = variants[controlIndex];
  if (!control) throw appError("CONFLICT", "EXPERIMENT_HAS_NO_VARIANTS", "This experiment has no variants to report on.");

  const totals: ArmTotals[] = variants.map((v) => armTotals(v.metrics));
  const controlTotals = totals[controlIndex] ?? armTotals(null);
  const options = compareOptionsFor(row.targetSampleSize);
  const unitCost = row.unitCost?.toNumber() ?? null;

  const pBestConversion = probabilityBestBinomial(totals.map((t) => ({ n: t.visitors, conversions: t.convertingVisitors })));
  const pBestRevenue = probabilityBestMean(
    totals.map((t) => ({ n: t.visitors, sum: t.revenue, sumSquares: t.revenueSumSquares })),
    { seed: resultsSeed(row.id), draws: RESULTS_PROBABILITY_DRAWS },
  );

  const variantResults: TVariantResult[] = variants.map((v, i) => {
    const t = totals[i] ?? armTotals(null);
    const isControl = i === controlIndex;
    return {
      key: v.key,
      name: v.name,
      price: v.price.toFixed(2),
      weight: v.weight,
      isControl,
      visitors: t.visitors,
      convertingVisitors: t.convertingVisitors,
      conversions: t.conversions,
      conversionRate: ratio(t.convertingVisitors, t.visitors),
      revenue: t.revenueText,
      revenuePerVisitor: ratio(t.revenue, t.visitors),
      // Every sale costs the unit cost, so all conversion events count, not just converting visitors.
      profitPerVisitor: unitCost === null ? null : ratio(t.revenue - unitCost * t.conversions, t.visitors),
      probabilityBest: pBestRevenue[i] ?? 0,
      probabilityBestConversion: pBestConversion[i] ?? 0,
      comparisons: isControl
        ? null
        : {
            conversionRate: compareToControl(conversionStats(controlTotals), conversionStats(t), options),
            revenuePerVisitor: compareToControl(revenueStats(controlTotals), revenueStats(t), options),
          },
    };
  });

  const lastReweightAt = row.reweights[0]?.createdAt ?? null;
  const srm = srmCheck({ banditMetric: row.banditMetric, lastReweightAt, visitors: totals.map((t) => t.visitors), weights: variants.map((v) => v.weight) });
  const labels = armLabels(variants.map((v) => ({ name: v.name, price: v.price.toFixed(2) })), row.currency);
  const decision = decide({
    control: { key: control.key, label: labels[controlIndex] ?? control.key, stats: revenueStats(controlTotals) },
    variants: variantResults.flatMap((v, i) =>
      v.comparisons ? [{ key: v.key, label: labels[i] ?? v.key, comparison: v.comparisons.revenuePerVisitor, visitors: v.visitors }] : [],
    ),
    srmPValue: srm.pValue,
    // Experiments carry no MDE setting yet, so every test uses the documented default.
    mde: DECISION_RULES.defaultMde,
  });

  const demandCurve = fitDemandCurve(
    variants.map((v, i) => ({ price: v.price.toNumber(), visitors: totals[i]?.visitors ?? 0, conversions: totals[i]?.convertingVisitors ?? 0 })),
    { unitCost: unitCost ?? undefined, seed: resultsSeed(row.id) },
  );

  const banditMetric = row.banditMetric === "revenue" || row.banditMetric === "conversion" ? row.banditMetric : null;
  return {
    experiment: {
      id: row.id,
      key: row.key,
      status: row.status as ExperimentStatus,
      currency: row.currency,
      unitCost: row.unitCost?.toFixed(2) ?? null,
    },
    computedAt: now.toISOString(),
    variants: variantResults,
    srm,
    decision: {
      action: decision.action,
      variantKey: decision.variantKey ?? null,
      headline: decision.headline,
      reason: decision.reason,
      visitorsNeeded: decision.visitorsNeeded ?? null,
    },
    demandCurve: demandCurveOutput(demandCurve),
    bandit: banditMetric ? { metric: banditMetric, lastReweightAt: lastReweightAt?.toISOString() ?? null } : null,
  };
}
