import type { TExperimentResults } from "@/server/results/schemas";

export function DecisionCard({ results }: { results: TExperimentResults }) {
  const d = results.decision;
  return (
    <section className={`card decision ${d.action}`} aria-labelledby="decision-heading" data-testid="decision">
      <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>
        Decision
      </p>
      <h2 id="decision-heading" style={{ margin: "0.1rem 0 0.4rem", fontSize: "1.15rem" }}>
        {d.headline}
      </h2>
      <p style={{ margin: 0 }}>{d.reason}</p>
    </section>
  );
}

export function SrmWarning({ results }: { results: TExperimentResults }) {
  if (!results.srm.flagged) return null;
  return (
    <div className="alert warn" role="alert">
      <strong>Sample ratio mismatch.</strong> Visitors are not split across the prices the way the weights say (p = {results.srm.pValue.toExponential(1)}). Something
      is assigning or dropping visitors unevenly (bots, caching, a redirect); fix it before trusting these results.
    </div>
  );
}
