import "server-only";
import { MIN_BUYERS_PER_ARM, SRM_ALARM_THRESHOLD, type Evaluation } from "@/server/stats";
import { count as n, odds, pct, signedPct } from "@/shared/format";

export interface DecisionWords {
  headline: string;
  reason: string;
}

export interface DecisionTextInput {
  evaluation: Evaluation;
  /** Label per arm key, e.g. "$12.00" in the experiment's currency. */
  labels: Record<string, string>;
  controlKey: string;
  /** Visitors per day so far; null before a day's traffic can be estimated. */
  visitorsPerDay: number | null;
  fewestBuyers: number;
}

export function daysLeft(visitorsNeeded: number | undefined, visitorsPerDay: number | null): number | null {
  if (visitorsNeeded === undefined || !visitorsPerDay || !(visitorsPerDay > 0)) return null;
  return Math.ceil(visitorsNeeded / visitorsPerDay);
}

function remaining(e: Evaluation, perDay: number | null): string {
  const needed = e.decision.visitorsNeeded;
  if (needed === undefined) return "";
  if (needed <= 0) return " The planned number of visitors is reached; any difference left is probably small.";
  const days = daysLeft(needed, perDay);
  return ` About ${n(needed)} more visitors${days === null ? "" : `, roughly ${days === 1 ? "1 day" : `${n(days)} days`} at your current traffic`}.`;
}

// Magnitude only: the sentence supplies "more" or "less".
const percent = (x: number, digits = 1) => pct(Math.abs(x), digits);
const interval = (c: { liftLow: number; liftHigh: number }) => `${signedPct(c.liftLow)} to ${signedPct(c.liftHigh)}`;

/** The decision in words a founder can act on; money in the experiment's currency via `labels`. */
export function decisionText(input: DecisionTextInput): DecisionWords {
  const e = input.evaluation;
  const label = (key: string | null) => (key ? (input.labels[key] ?? key) : "");
  const control = label(input.controlKey);
  const watching = e.mode === "sequential" ? "allowing for checking results as often as you like" : "at the planned sample size";
  const lines = e.comparisons.map((c) => `${label(c.key)} ${interval(c)}`).join("; ");
  const plan = e.mode === "fixed" ? `This test decides once, at ${n(e.targetSampleSize)} visitors.` : "";
  switch (e.decision.why) {
    case "srm":
      return {
        headline: "Investigate before trusting these results: visitors are not split the way your weights say.",
        reason: `A split this far from what your weights (in each period they were in force) predict happens by chance ${odds(e.srmPValue)} times; we flag anything rarer than 1 in ${n(1 / SRM_ALARM_THRESHOLD)}. Usually assignment, caching or tracking is broken: fix it and restart the test.`,
      };
    case "not-enough-buyers":
      return {
        headline: `Keep running: every price needs ${MIN_BUYERS_PER_ARM} buyers before we call a winner.`,
        reason: `The price with the fewest buyers has ${n(input.fewestBuyers)}.${remaining(e, input.visitorsPerDay)} ${plan}`.trim(),
      };
    case "before-horizon":
      return { headline: "Keep running until the planned sample size.", reason: `${plan}${remaining(e, input.visitorsPerDay)}` };
    case "no-variance":
      return { headline: "Keep running: not enough sales yet to tell prices apart.", reason: "Revenue per visitor does not vary yet." };
    case "variant-better": {
      const c = e.comparisons.find((x) => x.key === e.decision.variantKey);
      return {
        headline: `Ship ${label(e.decision.variantKey)}: it earns ${percent(c?.lift ?? 0)} more per visitor than ${control}.`,
        reason: `Revenue per visitor versus ${control} is ${c ? interval(c) : ""}, ${watching}: entirely above zero.`,
      };
    }
    case "control-better":
      return {
        headline: `Keep ${control}: every other price earns less per visitor.`,
        reason: `Versus ${control}, ${watching}: ${lines}, each entirely below zero.`,
      };
    case "within-mde":
      return {
        headline: `Stop the test: no price changes revenue per visitor by more than ${percent(e.mde, 1)}.`,
        reason: `Every alternative is within ±${percent(e.mde, 1)} of ${control} (${lines}), so pick whichever price you prefer.`,
      };
    case "horizon-no-winner":
      return {
        headline: "The test reached its planned size without a clear winner.",
        reason: `Versus ${control}: ${lines}. No price is clearly better; keep ${control} or pick the one you prefer.`,
      };
    default:
      return {
        headline: "Keep running: no price is clearly better yet.",
        reason: `Versus ${control}, ${watching}: ${lines}.${remaining(e, input.visitorsPerDay)}`,
      };
  }
}
