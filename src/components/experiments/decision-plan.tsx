import type { TExperimentResults } from "@/server/results/schemas";
import { count, moneyFormatter, pct, percentileWords } from "@/shared/format";

type Decision = TExperimentResults["decision"];

/** Mirrors the engine's rule (MIN_BUYERS_PER_ARM); shown, never enforced, here. */
export const MIN_BUYERS_PER_PRICE = 30;

/** How the test decides, in the words a founder needs before starting it. */
export function modeWords(d: Decision): string {
  return d.mode === "sequential"
    ? "Sequential: safe to check the results any time; it decides as soon as the evidence is clear."
    : `Fixed sample: it decides once, when the test reaches ${count(d.targetSampleSize)} visitors; looking earlier does not change the call.`;
}

/** What starting a draft will do. */
export function DraftPlan({ decision: d }: { decision: Decision }) {
  return (
    <>
      <h2 id="decision-heading" style={{ margin: "0.1rem 0 0.4rem", fontSize: "1.15rem" }}>
        Not started: no decision yet
      </h2>
      <p style={{ margin: 0 }}>When you start this test, it will run like this:</p>
      <ul style={{ margin: "0.4rem 0 0", paddingLeft: "1.2rem" }} data-testid="decision-plan">
        <li>{modeWords(d)}</li>
        <li>
          It looks for a difference in revenue per visitor of at least {pct(d.mde, 1)} (the minimum detectable effect); smaller differences count as
          &ldquo;no real difference&rdquo;.
        </li>
        <li>Every price needs {MIN_BUYERS_PER_PRICE} buyers before any call is made.</li>
        <li>
          {d.mode === "fixed"
            ? `Planned size: ${count(d.targetSampleSize)} visitors across all prices.`
            : `Tuned to decide around ${count(d.targetSampleSize)} visitors across all prices; it stops earlier when the difference is large.`}
        </li>
      </ul>
    </>
  );
}

/** Shown whenever revenue capping changes the numbers the decision uses. */
export function RevenueCapLine({ results }: { results: TExperimentResults }) {
  const cap = results.experiment.revenueCap;
  if (!cap) return null;
  const money = moneyFormatter(results.experiment.currency);
  const how = cap.type === "percentile" && cap.percentile !== null ? `${percentileWords(cap.percentile)} percentile of buyers` : "a fixed cap";
  return (
    <p className="muted" style={{ margin: "0.5rem 0 0", fontSize: "0.88rem" }} data-testid="revenue-cap">
      Revenue per visitor capped at {money(Number(cap.appliedAmount))} ({how}), so a few very large orders cannot swing the decision.
    </p>
  );
}

/** "Chance to be best" and "expected loss" describe the data; the rule above decides. */
export function DecisionGlossary({ mode }: { mode: Decision["mode"] }) {
  return (
    <details style={{ marginTop: "0.6rem", fontSize: "0.9rem" }}>
      <summary>What do &ldquo;chance best&rdquo; and &ldquo;expected loss&rdquo; mean?</summary>
      <p style={{ margin: "0.4rem 0 0" }}>
        <strong>Chance best</strong> is how likely each price is, given the sales so far, to earn the most per visitor. <strong>Expected loss</strong>{" "}
        is how much revenue per visitor you would give up, on average, by choosing that price if it turns out not to be the best. Both describe the
        data; neither makes the call. The decision uses the {mode === "sequential" ? "sequential" : "fixed-sample"} test on revenue per visitor
        described above.
      </p>
    </details>
  );
}
