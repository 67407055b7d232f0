import "server-only";
import { fnv1a32 } from "@/server/assignment/bucketing";
import type { Db } from "@/server/db";
import { parseBanditMetric, parseDecisionMode, parseExperimentStatus } from "@/shared/domain/experiments";
import { revenueCapOf } from "@/server/experiments/serialize";
import { enginePeriods, periodsWithVisitors } from "@/server/experiments/weight-periods";
import { appError } from "@/server/lib/app-error";
import {
  type CompareOptions,
  compareToControl,
  type EvalArm,
  evaluateExperiment,
  isSrmFlagged,
  probabilityBestBinomial,
  probabilityBestMean,
  SRM_ALARM_THRESHOLD,
  wilson,
} from "@/server/stats";
import { moneyFormatter } from "@/shared/format";
import { type ArmTotals, armTotals, conversionStats } from "./arm-stats";
import { type CappedRevenue, loadCappedRevenue } from "./capped-revenue";
import { daysLeft, decisionText } from "./decision-text";
import { armLabels } from "./labels";
import { type ExperimentWithMetrics, loadExperimentMetrics } from "./load-experiment-metrics";
import type { TExperimentResults, TVariantResult } from "./schemas";

export interface ResultsDeps {
  db: Db;
  now?: () => Date;
}

/** Results of one of the tenant's experiments; NOT_FOUND for a missing id and for another tenant's. */
export async function computeResults(deps: ResultsDeps, tenantId: string, id: string): Promise<TExperimentResults> {
  const row = await loadExperimentMetrics(deps.db, tenantId, id);
  const cap = revenueCapOf(row.revenueCap);
  const capped = cap ? await loadCappedRevenue(deps.db, row.id, cap) : null;
  return buildResults(row, deps.now?.() ?? new Date(), capped);
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

const DAY_MS = 86_400_000;

/**
 * Visitors who came before weight periods were recorded (experiments started
 * before they existed) came in under weights nobody knows any more, once the
 * weights have changed; checking them against later weights would raise a false alarm.
 */
function srmUncheckable(stored: readonly { visitorsBefore: number; source: string }[]): string | null {
  const first = stored[0];
  if (!first || first.visitorsBefore === 0 || (stored.length === 1 && first.source === "start")) return null;
  return "The weights changed after this test started, before weight periods were recorded, so the split cannot be checked against them.";
}

/** The engine's view of each variant: revenue after the cap when one is on. */
/** A variant as the engine needs it; results and the bandit both read their rows through this. */
type EngineVariant = Pick<ExperimentWithMetrics["variants"][number], "id" | "key" | "isControl" | "price" | "weight">;

export function engineArms(row: { variants: readonly EngineVariant[] }, totals: readonly ArmTotals[], capped: CappedRevenue | null): EvalArm[] {
  return row.variants.map((v, i) => {
    const t = totals[i] ?? armTotals(null);
    const c = capped ? (capped.byVariant.get(v.id) ?? { revenue: 0, revenueSumSquares: 0 }) : null;
    return {
      key: v.key,
      isControl: v.isControl,
      price: v.price.toNumber(),
      weight: v.weight,
      visitors: t.visitors,
      convertingVisitors: t.convertingVisitors,
      conversions: t.conversions,
      revenue: c ? c.revenue : t.revenue,
      revenueSumSquares: c ? c.revenueSumSquares : t.revenueSumSquares,
    };
  });
}

export function buildResults(row: ExperimentWithMetrics, now: Date, capped: CappedRevenue | null = null): TExperimentResults {
  const variants = row.variants;
  const controlIndex = Math.max(
    0,
    variants.findIndex((v) => v.isControl),
  );
  const control = variants[controlIndex];
  if (!control) throw appError("CONFLICT", "EXPERIMENT_HAS_NO_VARIANTS", "This experiment has no variants to report on.");

  const totals: ArmTotals[] = variants.map((v) => armTotals(v.metrics));
  const arms = engineArms(row, totals, capped);
  const options = compareOptionsFor(row.targetSampleSize);
  const unitCost = row.unitCost?.toNumber() ?? null;
  const cap = revenueCapOf(row.revenueCap);
  const totalVisitors = totals.reduce((a, t) => a + t.visitors, 0);
  const periods = periodsWithVisitors(row.periods, totalVisitors);

  const money = moneyFormatter(row.currency);
  const evaluation = evaluateExperiment(
    {
      arms,
      targetSampleSize: row.targetSampleSize,
      mde: row.mde,
      unitCost,
      mode: parseDecisionMode(row.decisionMode),
      revenueCap: cap,
      periods: enginePeriods(periods),
      srmUncheckable: srmUncheckable(row.periods),
    },
    { seed: resultsSeed(row.id), formatMoney: money },
  );

  const pBestConversion = probabilityBestBinomial(totals.map((t) => ({ n: t.visitors, conversions: t.convertingVisitors })));
  const pBestRevenue = probabilityBestMean(
    arms.map((a) => ({ n: a.visitors, sum: a.revenue, sumSquares: a.revenueSumSquares })),
    { seed: resultsSeed(row.id), draws: RESULTS_PROBABILITY_DRAWS },
  );
  const controlArm = arms[controlIndex] ?? arms[0]!;
  const armStats = (a: EvalArm) => ({ kind: "mean" as const, n: a.visitors, sum: a.revenue, sumSquares: a.revenueSumSquares });

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
      conversionRateInterval: t.visitors > 0 ? wilson(t.convertingVisitors, t.visitors) : null,
      revenue: t.revenueText,
      revenuePerVisitor: ratio(t.revenue, t.visitors),
      // Every sale costs the unit cost, so all conversion events count, not just converting visitors.
      profitPerVisitor: unitCost === null ? null : ratio(t.revenue - unitCost * t.conversions, t.visitors),
      probabilityBest: pBestRevenue[i] ?? 0,
      probabilityBestConversion: pBestConversion[i] ?? 0,
      comparisons: isControl
        ? null
        : {
            conversionRate: compareToControl(conversionStats(totals[controlIndex] ?? armTotals(null)), conversionStats(t), options),
            revenuePerVisitor: compareToControl(armStats(controlArm), armStats(arms[i]!), options),
          },
    };
  });

  const labelList = armLabels(
    variants.map((v) => ({ name: v.name, price: v.price.toFixed(2) })),
    row.currency,
  );
  const labels = Object.fromEntries(variants.map((v, i) => [v.key, labelList[i] ?? v.key]));
  const runningDays = row.startDate ? (now.getTime() - row.startDate.getTime()) / DAY_MS : 0;
  const visitorsPerDay = runningDays >= 1 / 24 && totalVisitors > 0 ? totalVisitors / runningDays : null;
  const words = decisionText({
    evaluation,
    labels,
    controlKey: control.key,
    visitorsPerDay,
    fewestBuyers: Math.min(...totals.map((t) => t.convertingVisitors)),
  });
  const rec = evaluation.recommendation;
  const lastReweightAt = row.reweights[0]?.createdAt ?? null;
  const banditMetric = row.banditMetric === null ? null : parseBanditMetric(row.banditMetric);
  const unitsPerBuyer =
    ratio(
      totals.reduce((a, t) => a + t.conversions, 0),
      totals.reduce((a, t) => a + t.convertingVisitors, 0),
    ) || 1;
  return {
    experiment: {
      id: row.id,
      key: row.key,
      status: parseExperimentStatus(row.status),
      currency: row.currency,
      unitCost: row.unitCost?.toFixed(2) ?? null,
      winningVariantKey: variants.find((v) => v.id === row.winningVariantId)?.key ?? null,
      startDate: row.startDate?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      revenueCap: cap
        ? {
            type: cap.type,
            amount: cap.type === "fixed" ? cap.amount : null,
            percentile: cap.type === "percentile" ? cap.percentile : null,
            appliedAmount: (capped?.amount ?? 0).toFixed(2),
          }
        : null,
    },
    computedAt: now.toISOString(),
    variants: variantResults,
    srm: {
      pValue: evaluation.srmPValue,
      flagged: isSrmFlagged(evaluation.srmPValue),
      threshold: SRM_ALARM_THRESHOLD,
      skippedReason: evaluation.srmSkippedReason,
      expected: evaluation.expectedVisitors,
      periods: periods.map((p) => ({ startedAt: p.startedAt.toISOString(), source: p.source, visitors: p.visitors, weights: p.weights })),
    },
    decision: {
      action: evaluation.decision.action,
      variantKey: evaluation.decision.variantKey,
      why: evaluation.decision.why,
      headline: words.headline,
      reason: words.reason,
      mode: evaluation.mode,
      mde: evaluation.mde,
      targetSampleSize: evaluation.targetSampleSize,
      visitorsNeeded: evaluation.decision.visitorsNeeded ?? null,
      daysLeft: daysLeft(evaluation.decision.visitorsNeeded, visitorsPerDay),
      intervals: evaluation.comparisons.map((c) => ({
        ...c,
        low: finite(c.low),
        high: finite(c.high),
        liftLow: finite(c.liftLow),
        liftHigh: finite(c.liftHigh),
      })),
    },
    recommendation: rec
      ? { price: rec.price.toFixed(2), low: rec.low.toFixed(2), high: rec.high.toFixed(2), basis: rec.basis, goal: rec.goal, note: rec.note }
      : null,
    recommendationNote: evaluation.recommendationNote,
    demandCurve: evaluation.demandCurve
      ? { points: evaluation.demandCurve.map((p) => ({ ...p, revenuePerVisitor: p.price * p.conversionRate * unitsPerBuyer })) }
      : null,
    bandit: banditMetric ? { metric: banditMetric, lastReweightAt: lastReweightAt?.toISOString() ?? null } : null,
  };
}

/** JSON has no infinity: an interval that is not bounded yet is sent as ±1e9 (shown as "—"). */
function finite(x: number): number {
  return Number.isFinite(x) ? x : Math.sign(x) * 1e9;
}
