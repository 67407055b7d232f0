"use client";

import Link from "next/link";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import type { TExperimentSummary } from "@/server/results/summary-schemas";
import { chance, count, labelShowsPrice, moneyFormatter } from "@/shared/format";
import { StatusBadge } from "./status-badge";

/** One experiment in the list; `summary` is undefined while it loads (drafts have none). */
export function ExperimentRow({ experiment: e, summary }: { experiment: TExperimentOutput; summary: TExperimentSummary | undefined }) {
  const hasData = e.status !== "draft";
  const money = moneyFormatter(e.currency);
  const prices = [...new Set(e.variants.map((v) => Number(v.price)))];
  const range = prices.length > 1 ? `${money(Math.min(...prices))}–${money(Math.max(...prices))}` : money(prices[0] ?? 0);
  const leader = summary?.leader;
  return (
    <tr>
      <td data-label="Experiment">
        <span>
          <Link href={`/experiments/${e.id}`}>{e.name}</Link>
          <span className="muted cell-note">
            <code>{e.key}</code>
          </span>
        </span>
      </td>
      <td data-label="Status">
        <StatusBadge status={e.status} />
      </td>
      <td data-label="Prices">
        {e.variants.length} prices · {range}
      </td>
      <td className="num" data-label="Visitors">
        {!hasData ? "0" : summary === undefined ? "…" : count(summary.visitors)}
      </td>
      <td data-label="Leading price">
        {!hasData || !leader || !summary?.visitors ? (
          <span className="muted">No data yet</span>
        ) : (
          <span>
            {leader.name} {labelShowsPrice(leader.name, leader.price) ? null : <span className="muted">({money(Number(leader.price))})</span>}
            <span className="muted cell-note">{chance(leader.probabilityBest)} chance to be best</span>
          </span>
        )}
      </td>
    </tr>
  );
}
