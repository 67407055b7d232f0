import type { TExperimentResults } from "@/server/results/schemas";
import { count, day, moneyFormatter } from "@/shared/format";
import { DecisionGlossary, DraftPlan, modeWords, RevenueCapLine } from "./decision-plan";

const HEADING = { margin: "0.1rem 0 0.4rem", fontSize: "1.15rem" } as const;

/**
 * The decision, following the experiment's status: what starting will do, the
 * live call while it runs, and what was shipped once it is completed.
 * `onShip` opens the Complete flow with that price selected (editors only).
 */
export function DecisionCard({ results, onShip }: { results: TExperimentResults; onShip?: (variantKey: string) => void }) {
  const d = results.decision;
  const status = results.experiment.status;
  const tone = status === "draft" ? "" : status === "completed" || status === "archived" ? "done" : d.action;
  return (
    <section className={`card decision ${tone}`} aria-labelledby="decision-heading" data-testid="decision">
      <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>
        Decision
      </p>
      {status === "draft" ? (
        <DraftPlan decision={d} />
      ) : status === "completed" || status === "archived" ? (
        <Outcome results={results} />
      ) : (
        <Live results={results} onShip={onShip} />
      )}
      <RevenueCapLine results={results} />
      {status === "draft" ? null : <DecisionGlossary mode={d.mode} />}
    </section>
  );
}

function Live({ results, onShip }: { results: TExperimentResults; onShip?: (variantKey: string) => void }) {
  const d = results.decision;
  const money = moneyFormatter(results.experiment.currency);
  const ship = d.action === "ship" && d.variantKey ? results.variants.find((v) => v.key === d.variantKey) : undefined;
  return (
    <>
      <h2 id="decision-heading" style={HEADING}>
        {d.headline}
      </h2>
      <p style={{ margin: 0 }}>{d.reason}</p>
      <ul className="facts" data-testid="decision-progress">
        {d.visitorsNeeded !== null && d.visitorsNeeded > 0 ? (
          <li>Visitors still needed: about {count(d.visitorsNeeded)} (all prices together)</li>
        ) : null}
        {d.daysLeft !== null && d.daysLeft > 0 ? (
          <li>
            About {count(d.daysLeft)} {d.daysLeft === 1 ? "day" : "days"} left at your current traffic
          </li>
        ) : null}
        {results.experiment.status === "paused" ? <li>Paused: no new visitors join the test until you resume it.</li> : null}
        <li>{modeWords(d)}</li>
      </ul>
      {ship && onShip ? (
        <button type="button" className="button small" style={{ marginTop: "0.6rem" }} onClick={() => onShip(ship.key)}>
          Ship {money(Number(ship.price))}
        </button>
      ) : null}
    </>
  );
}

function Outcome({ results }: { results: TExperimentResults }) {
  const money = moneyFormatter(results.experiment.currency);
  const key = results.experiment.winningVariantKey;
  const winner = key ? results.variants.find((v) => v.key === key) : undefined;
  const when = day(results.experiment.updatedAt);
  return (
    <>
      <h2 id="decision-heading" style={HEADING}>
        {winner ? `Shipped ${money(Number(winner.price))} (${winner.name}) on ${when}` : `Completed on ${when} without a recorded winner`}
      </h2>
      <p style={{ margin: 0 }}>
        {winner
          ? `Everyone now gets ${money(Number(winner.price))}; visitors who already bought keep the price they paid. The numbers below are the test's final results.`
          : "The numbers below are the test's final results."}
      </p>
      <p className="muted" style={{ margin: "0.4rem 0 0", fontSize: "0.9rem" }}>
        On the final data, the decision rule says: {results.decision.headline}
      </p>
    </>
  );
}

export function SrmWarning({ results }: { results: TExperimentResults }) {
  if (!results.srm.flagged) return null;
  return (
    <div className="alert warn" role="alert" data-testid="srm-warning">
      <strong>Sample ratio mismatch.</strong> Visitors are not split across the prices the way the weights (in each period they were in force) say: a
      split this uneven happens by chance with p = {results.srm.pValue.toExponential(1)}, below our alarm threshold of {results.srm.threshold}.
      Something is assigning or dropping visitors unevenly (bots, caching, a redirect); fix it before trusting these results.
    </div>
  );
}
