"use client";

import { useQuery } from "@tanstack/react-query";
import { TimelineChart } from "@/components/charts/timeline-chart";
import { QueryState } from "@/components/ui/query-state";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { moneyFormatter } from "@/shared/format";
import { useTRPC } from "@/trpc/react";

/** Cumulative visitors and revenue per visitor over time, refreshed like the results. */
export function TimelinePanel({ experiment }: { experiment: TExperimentOutput }) {
  const trpc = useTRPC();
  const timeline = useQuery({ ...trpc.experiments.timeline.queryOptions({ id: experiment.id }), refetchInterval: 10_000 });
  return (
    <section className="card" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Over time</h2>
      <p className="muted">Running totals since the start, recorded every hour and at each start, pause and completion; the last point is now.</p>
      <QueryState query={timeline}>{(data) => <TimelineChart series={data.variants} money={moneyFormatter(experiment.currency)} />}</QueryState>
    </section>
  );
}
