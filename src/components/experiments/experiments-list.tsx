"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { errorText } from "@/components/forms/server-errors";
import { useRole } from "@/components/shell/role-context";
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
        {list.isPending ? (
          <p role="status">Loading experiments…</p>
        ) : list.isError ? (
          <p role="alert" className="status-line error">
            {errorText(list.error)}
          </p>
        ) : list.data.items.length === 0 ? (
          <p>
            {status ? `No ${status} experiments.` : "No experiments yet."}{" "}
            {canEdit && !status ? <Link href="/onboarding">Set up your first price test</Link> : null}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Experiment</th>
                  <th scope="col">Status</th>
                  <th scope="col">Prices</th>
                  <th scope="col" className="num">
                    Visitors
                  </th>
                  <th scope="col">Leading price</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <ExperimentRow key={e.id} experiment={e} summary={summaryOf.get(e.id)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
