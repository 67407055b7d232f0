"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { SecretBox } from "@/components/forms/secret-box";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useRole } from "@/components/shell/role-context";
import { DataTable } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";
import { useTRPC } from "@/trpc/react";

export function WebhooksPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const status = useQuery({ ...trpc.webhooks.status.queryOptions(), enabled: canEdit });
  const deliveries = useQuery({ ...trpc.webhooks.deliveries.queryOptions(), enabled: canEdit });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.status.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() });
  };
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: refresh }));
  const test = useMutation(trpc.webhooks.sendTest.mutationOptions({ onSettled: refresh }));

  if (!canEdit) {
    return (
      <div className="alert info" role="note">
        Webhooks are managed by owners and admins.
      </div>
    );
  }
  return (
    <QueryState query={status}>
      {(endpoint) => (
        <div className="stack">
          <section className="card" aria-labelledby="endpoint">
            <h2 id="endpoint">Endpoint</h2>
            <p>
              {endpoint.url ? <code>{endpoint.url}</code> : <span className="muted">No webhook URL yet.</span>}{" "}
              <Link href="/settings">Change it in Settings</Link>.
            </p>
            <p className="muted">
              Events: {endpoint.events.join(", ")}. Each is signed per Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
              <code>webhook-signature</code>) and retried with growing delays until your endpoint answers 2xx.
            </p>
            <div className="row">
              <button
                type="button"
                className="button secondary"
                disabled={rotate.isPending}
                onClick={() => {
                  if (!endpoint.hasSecret || window.confirm("Replace the signing secret? Your endpoint must use the new one at once."))
                    rotate.mutate();
                }}
              >
                {endpoint.hasSecret ? "Rotate signing secret" : "Create signing secret"}
              </button>
              <button
                type="button"
                className="button"
                disabled={test.isPending || !endpoint.url || !endpoint.hasSecret}
                onClick={() => test.mutate()}
              >
                {test.isPending ? "Sending…" : "Send test event"}
              </button>
            </div>
            {rotate.data ? (
              <SecretBox testId="webhook-secret" value={rotate.data.secret}>
                Copy the signing secret now; it is <strong>shown only once</strong>:
              </SecretBox>
            ) : (
              <MutationStatus isPending={rotate.isPending} isSuccess={false} error={rotate.error} pending="Creating…" />
            )}
            {test.data ? (
              <p role="status" className={`status-line ${test.data.ok ? "" : "error"}`}>
                {test.data.ok
                  ? `Delivered (HTTP ${test.data.statusCode}, ${test.data.durationMs} ms).`
                  : `Not delivered: ${test.data.error ?? "no answer"}. It will be retried.`}
              </p>
            ) : (
              <MutationStatus isPending={test.isPending} isSuccess={false} error={test.error} pending="Sending…" />
            )}
          </section>
          <section className="card" aria-labelledby="deliveries">
            <h2 id="deliveries">Recent deliveries</h2>
            <QueryState query={deliveries} isEmpty={(data) => data.length === 0} empty={<p className="muted">Nothing sent yet.</p>}>
              {(data) => (
                <DataTable columns={["When", "Event", "Attempt", "Result", "Time"]}>
                  {data.map((d) => (
                    <tr key={d.id}>
                      <td data-label="When">{d.createdAt.toLocaleString()}</td>
                      <td data-label="Event">
                        <code>{d.eventType}</code>
                      </td>
                      <td data-label="Attempt">{d.attempt}</td>
                      <td data-label="Result">{d.ok ? `HTTP ${d.statusCode}` : (d.error ?? "failed")}</td>
                      <td data-label="Time">{d.durationMs} ms</td>
                    </tr>
                  ))}
                </DataTable>
              )}
            </QueryState>
          </section>
        </div>
      )}
    </QueryState>
  );
}
