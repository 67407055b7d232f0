"use client";

import { useQuery } from "@tanstack/react-query";
import { WeightHistoryChart } from "@/components/charts/weight-history-chart";
import { QueryState } from "@/components/ui/query-state";
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
      <QueryState
        query={history}
        isEmpty={(data) => data.length === 0}
        empty={<p className="muted">No reweights yet: the first happens once visitors have arrived.</p>}
      >
        {(data) => <WeightHistoryChart history={data} variants={experiment.variants} />}
      </QueryState>
    </section>
  );
}
