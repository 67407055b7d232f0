"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { useTRPC } from "@/trpc/react";
import { chance, count, moneyFormatter } from "./format";
import { StatusBadge } from "./status-badge";

export function ExperimentRow({ experiment: e }: { experiment: TExperimentOutput }) {
  const trpc = useTRPC();
  const hasData = e.status !== "draft";
  const results = useQuery({ ...trpc.experiments.results.queryOptions({ id: e.id }), enabled: hasData, refetchInterval: e.status === "running" ? 30_000 : false });
  const money = moneyFormatter(e.currency);
  const prices = e.variants.map((v) => Number(v.price));
  const visitors = results.data?.variants.reduce((s, v) => s + v.visitors, 0);
  const leader = results.data?.variants.reduce<(typeof results.data.variants)[number] | null>((best, v) => (!best || v.probabilityBest > best.probabilityBest ? v : best), null);
  return (
    <tr>
      <td>
        <Link href={`/experiments/${e.id}`}>{e.name}</Link>
        <div className="muted" style={{ fontSize: "0.82rem" }}>
          <code>{e.key}</code>
        </div>
      </td>
      <td>
        <StatusBadge status={e.status} />
      </td>
      <td>
        {e.variants.length} prices · {money(Math.min(...prices))}–{money(Math.max(...prices))}
      </td>
      <td className="num">{!hasData ? "0" : visitors === undefined ? "…" : count(visitors)}</td>
      <td>
        {!hasData || !leader || !visitors ? (
          <span className="muted">No data yet</span>
        ) : (
          <>
            {leader.name} <span className="muted">({money(Number(leader.price))})</span>
            <div className="muted" style={{ fontSize: "0.82rem" }}>
              {chance(leader.probabilityBest)} chance to be best
            </div>
          </>
        )}
      </td>
    </tr>
  );
}
