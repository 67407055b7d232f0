/*
 * What to do next with a price test, in words a founder can act on.
 * The primary metric is revenue per visitor; every comparison is a variant
 * against the control. Rules, checked in this order:
 *
 *  1. investigate  — the traffic split fails the SRM check (p < 0.001). Until
 *                    assignment is fixed no other number can be trusted.
 *  2. ship variant — a variant has chance to beat control ≥ 95% AND expected
 *                    loss if shipped (relative) < 0.5%, OR its always-valid
 *                    (sequential) 95% interval lies entirely above zero. With
 *                    several qualifying, the one with the highest expected
 *                    lift is shipped.
 *  3. ship control — every variant's always-valid interval lies entirely below
 *                    zero: the current price beats every alternative.
 *  4. stop-no-difference — every variant's always-valid interval lies inside
 *                    ±MDE (default 5% relative): any real difference is too
 *                    small to matter.
 *  5. keep-running — otherwise, with the visitors per arm a fixed test needs to
 *                    detect the MDE at 80% power and alpha 0.05, using the
 *                    control's observed variance, minus visitors so far.
 * Variants whose comparison carries an error code (no sales yet, …) never
 * trigger rules 2–4.
 */
import { normalQuantile } from "./dists";
import { armMean, armVariance } from "./summary";
import { isSrmFlagged, SRM_THRESHOLD } from "./srm";
import type { Comparison, MeanStats } from "./types";
import { chance, money, odds, percent, signedPercent } from "./decision-words";

export const DECISION_RULES = {
  srmThreshold: SRM_THRESHOLD,
  shipMinChanceToWin: 0.95,
  shipMaxRiskTreatment: 0.005,
  defaultMde: 0.05,
  power: 0.8,
  alpha: 0.05,
} as const;

export type DecisionAction = "ship" | "keep-running" | "stop-no-difference" | "investigate";

export interface DecisionVariant {
  key: string;
  /** How the founder knows this arm, e.g. "$12.00". */
  label: string;
  /** Revenue per visitor, this variant vs the control. */
  comparison: Comparison;
  visitors: number;
}

export interface DecisionInput {
  control: { key: string; label: string; stats: MeanStats };
  variants: readonly DecisionVariant[];
  srmPValue: number;
  /** Smallest relative difference worth acting on; default 5%. */
  mde?: number;
}

export interface Decision {
  action: DecisionAction;
  variantKey?: string;
  headline: string;
  reason: string;
  /** Further visitors per arm for the MDE at 80% power (keep-running only). */
  visitorsNeeded?: number;
}

/** Fixed-horizon visitors per arm to detect a relative `mde` on the control mean. */
export function visitorsPerArmForMde(control: MeanStats, mde: number): number | undefined {
  const mu = armMean(control);
  const variance = armVariance(control);
  if (!(mu !== 0 && variance > 0 && mde > 0)) return undefined;
  const z = normalQuantile(1 - DECISION_RULES.alpha / 2, 0, 1) + normalQuantile(DECISION_RULES.power, 0, 1);
  return Math.ceil((2 * z * z * variance) / (mde * mu) ** 2);
}

function shipReason(v: DecisionVariant): string {
  const b = v.comparison.bayesian;
  const s = v.comparison.sequential;
  const byRisk =
    b.chanceToWin >= DECISION_RULES.shipMinChanceToWin && b.riskTreatment < DECISION_RULES.shipMaxRiskTreatment;
  return byRisk
    ? `${chance(b.chanceToWin)} chance to beat the control (we need 95%), and if it is wrong the expected loss is only ${percent(b.riskTreatment, 2)} of revenue per visitor (we accept up to 0.5%).`
    : `Even allowing for checking results as they come in, revenue per visitor is between ${signedPercent(s.ciLower)} and ${signedPercent(s.ciUpper)} versus the control, entirely above zero.`;
}

export function decide(input: DecisionInput): Decision {
  const mde = input.mde ?? DECISION_RULES.defaultMde;
  const { control } = input;
  if (isSrmFlagged(input.srmPValue)) {
    return {
      action: "investigate",
      headline: "Investigate before trusting these results: visitors are not split the way you set up.",
      reason: `A split this far from your weights happens by chance ${odds(input.srmPValue)} times (we flag anything rarer than 1 in 1,000). Usually assignment, caching or tracking is broken; fix it and restart the test.`,
    };
  }

  const usable = input.variants.filter((v) => v.comparison.errorCode === null);
  const winners = usable.filter((v) => {
    const b = v.comparison.bayesian;
    const byRisk =
      b.chanceToWin >= DECISION_RULES.shipMinChanceToWin && b.riskTreatment < DECISION_RULES.shipMaxRiskTreatment;
    return byRisk || v.comparison.sequential.ciLower > 0;
  });
  const best = [...winners].sort((a, b) => b.comparison.bayesian.effect - a.comparison.bayesian.effect)[0];
  if (best) {
    const b = best.comparison.bayesian;
    return {
      action: "ship",
      variantKey: best.key,
      headline: `Ship ${best.label}: it earns ${percent(b.effect)} more per visitor than the control, with a ${chance(b.chanceToWin)} chance to be better.`,
      reason: shipReason(best),
    };
  }

  const complete = usable.length > 0 && usable.length === input.variants.length;
  if (complete && usable.every((v) => v.comparison.sequential.ciUpper < 0)) {
    return {
      action: "ship",
      variantKey: control.key,
      headline: `Keep ${control.label}: every other price earns less per visitor.`,
      reason: `For each alternative, even allowing for checking results as they come in, revenue per visitor is below the control's: ${usable.map((v) => `${v.label} ${signedPercent(v.comparison.sequential.ciLower)} to ${signedPercent(v.comparison.sequential.ciUpper)}`).join("; ")}.`,
    };
  }
  if (complete && usable.every((v) => v.comparison.sequential.ciLower > -mde && v.comparison.sequential.ciUpper < mde)) {
    return {
      action: "stop-no-difference",
      headline: `Stop the test: no price changes revenue per visitor by more than ${percent(mde, 0)}.`,
      reason: `Every alternative is within ±${percent(mde, 0)} of ${control.label} (${usable.map((v) => `${v.label} ${signedPercent(v.comparison.sequential.ciLower)} to ${signedPercent(v.comparison.sequential.ciUpper)}`).join("; ")}), so pick whichever price you prefer.`,
    };
  }

  const planned = visitorsPerArmForMde(control.stats, mde);
  const soFar = Math.min(control.stats.n, ...input.variants.map((v) => v.visitors));
  const leader = [...usable].sort((a, b) => b.comparison.bayesian.effect - a.comparison.bayesian.effect)[0];
  const leaderText = leader
    ? ` Best so far: ${leader.label} at ${signedPercent(leader.comparison.bayesian.effect)} per visitor, ${chance(leader.comparison.bayesian.chanceToWin)} chance to beat ${control.label}.`
    : " No alternative has enough sales to compare yet.";
  if (planned === undefined) {
    return {
      action: "keep-running",
      headline: "Keep running: not enough sales yet to estimate how long this takes.",
      reason: `The control has no spread in revenue per visitor yet (${control.stats.n} visitors, ${money(control.stats.sum)} revenue).${leaderText}`,
    };
  }
  const visitorsNeeded = Math.max(0, planned - soFar);
  return {
    action: "keep-running",
    visitorsNeeded,
    headline:
      visitorsNeeded > 0
        ? `Keep running: about ${visitorsNeeded.toLocaleString("en-US")} more visitors per price needed.`
        : "Keep running: no clear winner yet, any difference is probably small.",
    reason: `Detecting a ${percent(mde, 0)} difference in revenue per visitor with 80% power takes about ${planned.toLocaleString("en-US")} visitors per price; the smallest arm has ${soFar.toLocaleString("en-US")}.${leaderText}`,
  };
}
