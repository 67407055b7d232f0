"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { z } from "zod";
import { SecretBox } from "@/components/forms/secret-box";
import { Field } from "@/components/forms/field";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import { useRole } from "@/components/shell/role-context";
import { DataTable } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";
import { API_KEY_KINDS, type ApiKeyKind } from "@/shared/domain/api-keys";
import { useTRPC } from "@/trpc/react";

const ZCreateKey = z.object({
  kind: z.enum(API_KEY_KINDS),
  name: z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters"),
});

const when = (d: Date | null) => (d ? d.toLocaleString() : "Never");

export function ApiKeysPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const keys = useQuery({ ...trpc.apiKeys.list.queryOptions(), enabled: canEdit });
  const [kind, setKind] = useState<ApiKeyKind>("secret");
  const [name, setName] = useState("");
  const values = useMemo(() => ({ kind, name }), [kind, name]);
  const v = useValidation(ZCreateKey, values);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onError: (error) => v.fromServer(error),
      onSuccess: () => {
        setName("");
        v.reset();
        void invalidate();
      },
    }),
  );
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: () => void invalidate() }));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (data) create.mutate(data);
  }

  if (!canEdit) {
    return (
      <div className="alert info" role="note">
        API keys are managed by owners and admins.
      </div>
    );
  }

  return (
    <div className="stack">
      <section className="card" aria-labelledby="new-key">
        <h2 id="new-key">Create a key</h2>
        <p className="muted">
          <strong>Secret</strong> keys (po_sk_…) are for your servers and may do everything an admin may. <strong>Publishable</strong> keys (po_pk_…)
          may only assign prices and track conversions, from your allowed origins: safe in a browser.
        </p>
        <form onSubmit={onSubmit} noValidate className="row">
          <Field label="Name" className="grow" error={v.errorFor("name")} hint="Where it is used, e.g. “Checkout server”.">
            {(c) => (
              <input
                {...c}
                type="text"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  v.touch("name");
                }}
              />
            )}
          </Field>
          <Field label="Kind">
            {(c) => (
              <select {...c} value={kind} onChange={(e) => setKind(e.target.value === "publishable" ? "publishable" : "secret")}>
                <option value="secret">Secret</option>
                <option value="publishable">Publishable</option>
              </select>
            )}
          </Field>
          <div className="field">
            <button type="submit" className="button" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create key"}
            </button>
          </div>
        </form>
        {create.data ? (
          <SecretBox testId="new-api-key" value={create.data.key}>
            Copy your new key now; it is <strong>shown only once</strong>:
          </SecretBox>
        ) : (
          <MutationStatus isPending={create.isPending} isSuccess={false} error={create.error} pending="Creating…" fields={["name", "kind"]} />
        )}
      </section>
      <section className="card" aria-labelledby="keys-list">
        <h2 id="keys-list">Keys</h2>
        <QueryState query={keys} isEmpty={(data) => data.length === 0} empty={<p className="muted">No keys yet.</p>}>
          {(data) => (
            <DataTable columns={["Name", "Kind", "Key", "Created", "Last used", { label: "Actions", hidden: true }]}>
              {data.map((k) => (
                <tr key={k.id}>
                  <td data-label="Name">{k.name}</td>
                  <td data-label="Kind">{k.kind}</td>
                  <td data-label="Key">
                    <code>{k.prefix}…</code>
                  </td>
                  <td data-label="Created">{when(k.createdAt)}</td>
                  <td data-label="Last used">{when(k.lastUsedAt)}</td>
                  <td>
                    {k.revokedAt ? (
                      <span className="badge archived">revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={revoke.isPending}
                        onClick={() => {
                          if (window.confirm(`Revoke “${k.name}”? Calls with it will fail within seconds.`)) revoke.mutate({ id: k.id });
                        }}
                      >
                        Revoke<span className="sr-only"> {k.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
        <MutationStatus isPending={revoke.isPending} isSuccess={revoke.isSuccess} error={revoke.error} pending="Revoking…" success="Key revoked." />
      </section>
    </div>
  );
}
