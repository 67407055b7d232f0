"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useRole } from "@/components/shell/role-context";
import { DataTable } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";
import { EXPERIMENT_STATUSES, type ExperimentStatus } from "@/shared/domain/experiments";
import { isOneOf } from "@/shared/domain/one-of";
import { useTRPC } from "@/trpc/react";
import { ExperimentRow } from "./experiment-row";

export function ExperimentsList() {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const [status, setStatus] = useState<ExperimentStatus | "">("");
  const list = useQuery(trpc.experiments.list.queryOptions({ status: status || undefined, limit: 100 }));
  // One light query for the whole page (visitors, leading price), not full results per row.
  const withData = (list.data?.items ?? []).filter((e) => e.status !== "draft");
  const summaries = useQuery({
    ...trpc.experiments.summaries.queryOptions({ ids: withData.map((e) => e.id) }),
    enabled: withData.length > 0,
    refetchInterval: withData.some((e) => e.status === "running") ? 30_000 : false,
  });
  const summaryOf = new Map((summaries.data ?? []).map((s) => [s.id, s]));

  return (
    <>
      <div className="page-head">
        <h1>Experiments</h1>
        <div className="row" style={{ alignItems: "center" }}>
          <label className="checkbox" htmlFor="status-filter">
            Status
          </label>
          <select
            id="status-filter"
            value={status}
            onChange={(e) => setStatus(isOneOf(EXPERIMENT_STATUSES, e.target.value) ? e.target.value : "")}
            style={{ width: "auto" }}
          >
            <option value="">All</option>
            {EXPERIMENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
          {canEdit ? (
            <Link className="button" href="/onboarding">
              New experiment
            </Link>
          ) : null}
        </div>
      </div>
      <div className="card">
        <QueryState
          query={list}
          loading="Loading experiments…"
          isEmpty={(data) => data.items.length === 0}
          empty={
            <p>
              {status ? `No ${status} experiments.` : "No experiments yet."}{" "}
              {canEdit && !status ? <Link href="/onboarding">Set up your first price test</Link> : null}
            </p>
          }
        >
          {(data) => (
            <DataTable columns={["Experiment", "Status", "Prices", { label: "Visitors", num: true }, "Leading price"]}>
              {data.items.map((e) => (
                <ExperimentRow key={e.id} experiment={e} summary={summaryOf.get(e.id)} />
              ))}
            </DataTable>
          )}
        </QueryState>
      </div>
    </>
  );
}
