"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRole } from "@/components/shell/role-context";
import { DataTable } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";
import { useTRPC } from "@/trpc/react";
import { ChangeSummary } from "./change-summary";

export function AuditLogPage() {
  const trpc = useTRPC();
  const { canEdit } = useRole();
  const [actor, setActor] = useState("");
  const [action, setAction] = useState("");
  // Cursors of the pages before the one shown, for "Newer".
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const input = { limit: 50, ...(actor ? { actor } : {}), ...(action ? { action } : {}), ...(cursor ? { cursor } : {}) };
  const log = useQuery({ ...trpc.audit.list.queryOptions(input), enabled: canEdit });

  if (!canEdit) {
    return (
      <div className="alert info" role="note">
        The audit log is for owners and admins.
      </div>
    );
  }

  const filter = (set: (v: string) => void) => (value: string) => {
    set(value);
    setCursors([]);
  };

  return (
    <section className="card stack" aria-labelledby="audit-entries">
      <h2 id="audit-entries">Changes in this workspace</h2>
      <p className="muted">
        Every change made by a member, an API key or an operator: who, what, before and after, from where (when the deployment knows the client&apos;s
        address) and when.
      </p>
      <div className="row">
        <label className="field">
          <span className="label">Who</span>
          <select value={actor} onChange={(e) => filter(setActor)(e.target.value)}>
            <option value="">Everyone</option>
            {log.data?.actors.map((a) => (
              <option key={a.actor} value={a.actor}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="label">Action</span>
          <select value={action} onChange={(e) => filter(setAction)(e.target.value)}>
            <option value="">All actions</option>
            {log.data?.actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState
        query={log}
        isEmpty={(data) => data.items.length === 0}
        empty={<p className="muted">No changes recorded{actor || action ? " for this filter" : ""}.</p>}
      >
        {(data) => (
          <DataTable columns={["When", "Who", "Action", "Target", "Change", "IP"]}>
            {data.items.map((e) => (
              <tr key={e.id}>
                <td data-label="When">{e.createdAt.toLocaleString()}</td>
                <td data-label="Who">{e.actorLabel}</td>
                <td data-label="Action">
                  <code>{e.action}</code>
                </td>
                <td data-label="Target">{e.target ? <code>{e.target.slice(0, 8)}</code> : "–"}</td>
                <td data-label="Change">
                  <ChangeSummary before={e.before} after={e.after} />
                </td>
                <td data-label="IP">{e.ip ?? "–"}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </QueryState>
      <div className="row">
        <button type="button" className="button secondary small" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          Newer
        </button>
        <button
          type="button"
          className="button secondary small"
          disabled={!log.data?.nextCursor}
          onClick={() => {
            const next = log.data?.nextCursor;
            if (next) setCursors((c) => [...c, next]);
          }}
        >
          Older
        </button>
      </div>
    </section>
  );
}
