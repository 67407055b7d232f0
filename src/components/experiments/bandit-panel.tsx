"use client";

import { useQuery } from "@tanstack/react-query";
import { WeightHistoryChart } from "@/components/charts/weight-history-chart";
import { errorText } from "@/components/forms/server-errors";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { useTRPC } from "@/trpc/react";

export function BanditPanel({ experiment }: { experiment: TExperimentOutput }) {
  const trpc = useTRPC();
  const history = useQuery({ ...trpc.experiments.reweightHistory.queryOptions({ id: experiment.id }), refetchInterval: 60_000 });
  return (
    <section className="card" aria-labelledby="bandit-heading">
      <h2 id="bandit-heading">Bandit weights over time</h2>
      <p className="muted">
        The bandit moves traffic toward the price with the best {experiment.banditMetric === "conversion" ? "conversion rate" : "revenue per visitor"}
        .
      </p>
      {history.isPending ? (
        <p role="status">Loading…</p>
      ) : history.isError ? (
        <p role="alert" className="status-line error">
          {errorText(history.error)}
        </p>
      ) : history.data.length === 0 ? (
        <p className="muted">No reweights yet: the first happens once visitors have arrived.</p>
      ) : (
        <WeightHistoryChart history={history.data} variants={experiment.variants} />
      )}
    </section>
  );
}
