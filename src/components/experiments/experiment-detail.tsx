"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorText } from "@/components/forms/server-errors";
import { useRole } from "@/components/shell/role-context";
import { moneyFormatter } from "@/shared/format";
import { useTRPC } from "@/trpc/react";
import { BanditPanel } from "./bandit-panel";
import { DecisionSettings } from "./decision-settings";
import { LifecycleControls } from "./lifecycle-controls";
import { STATUS_HELP } from "./lifecycle";
import { ResultsPanel } from "./results-panel";
import { StatusBadge } from "./status-badge";
import { TimelinePanel } from "./timeline-panel";
import { WeightsEditor } from "./weights-editor";

export function ExperimentDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const experiment = useQuery(trpc.experiments.get.queryOptions({ id }));
  const results = useQuery({ ...trpc.experiments.results.queryOptions({ id }), refetchInterval: 10_000 });
  // The price selected in the open Complete form; null while it is closed.
  const [winner, setWinner] = useState<string | null>(null);

  if (experiment.isPending) return <p role="status">Loading the experiment…</p>;
  if (experiment.isError) {
    return (
      <p role="alert" className="alert error">
        {errorText(experiment.error)} <Link href="/experiments">Back to experiments</Link>
      </p>
    );
  }
  const e = experiment.data;
  const money = moneyFormatter(e.currency);
  const editableWeights = canEdit && (e.status === "draft" || e.status === "running" || e.status === "paused");
  const suggested = results.data?.decision.variantKey ?? null;
  const ship = (key: string) => {
    setWinner(key);
    // The form may already be open (no remount, so no autoFocus): focus its select either way.
    requestAnimationFrame(() => document.getElementById("winner")?.focus());
  };

  return (
    <div className="stack">
      <div className="page-head" style={{ marginBottom: 0 }}>
        <div>
          <p className="muted" style={{ margin: 0, fontSize: "0.85rem" }}>
            <Link href="/experiments">Experiments</Link> / <code>{e.key}</code>
          </p>
          <h1>
            {e.name} <StatusBadge status={e.status} />
          </h1>
          <p className="muted" style={{ margin: "0.25rem 0 0" }}>
            {STATUS_HELP[e.status]}
            {e.winningVariantKey ? ` Winner: ${e.variants.find((v) => v.key === e.winningVariantKey)?.name ?? e.winningVariantKey}.` : ""}
          </p>
        </div>
        {canEdit ? (
          <LifecycleControls experiment={e} suggestedWinner={suggested} winner={winner} onWinnerChange={setWinner} />
        ) : (
          <span className="badge">View only</span>
        )}
      </div>

      {results.isPending ? (
        <p role="status">Computing results…</p>
      ) : results.isError ? (
        <p role="alert" className="alert error">
          {errorText(results.error)}
        </p>
      ) : (
        <ResultsPanel results={results.data} onShip={canEdit ? ship : undefined} />
      )}

      <TimelinePanel experiment={e} />

      {e.banditMetric || results.data?.bandit ? <BanditPanel experiment={e} /> : null}

      {canEdit && e.status === "draft" ? (
        <section className="card" aria-labelledby="settings-heading">
          <h2 id="settings-heading">How the test decides</h2>
          <p className="muted">
            These can change only before the test starts: changing how a test decides after seeing data would void its error control.
          </p>
          <DecisionSettings experiment={e} />
        </section>
      ) : null}

      <section className="card" aria-labelledby="variants-heading">
        <h2 id="variants-heading">Prices and traffic weights</h2>
        {editableWeights ? (
          <WeightsEditor key={e.variants.map((v) => `${v.key}:${v.weight}`).join(",")} experiment={e} />
        ) : (
          <ul>
            {e.variants.map((v) => (
              <li key={v.key}>
                {v.name}: {money(Number(v.price))}, weight {v.weight}
                {v.isControl ? " (control)" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
