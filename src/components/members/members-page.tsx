"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorText } from "@/components/forms/server-errors";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useRole } from "@/components/shell/role-context";
import { parseRole, ROLES } from "@/shared/domain/members";
import { DataTable } from "@/components/ui/data-table";
import { QueryState } from "@/components/ui/query-state";
import { useTRPC } from "@/trpc/react";
import { InviteForm } from "./invite-form";

export function MembersPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit, isOwner } = useRole();
  const list = useQuery(trpc.members.list.queryOptions());
  const invalidate = () => void queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
  const changeRole = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess: invalidate }));
  const revoke = useMutation(trpc.members.revokeInvitation.mutationOptions({ onSuccess: invalidate }));
  const last = [changeRole, remove, revoke].find((m) => m.isPending || m.isError || m.isSuccess);
  // A refused role change or removal is shown in that member's row, not under the table.
  const rowError = (userId: string) =>
    (changeRole.isError && changeRole.variables?.userId === userId ? changeRole.error : null) ??
    (remove.isError && remove.variables?.userId === userId ? remove.error : null);

  return (
    <div className="stack">
      {canEdit ? (
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <InviteForm isOwner={isOwner} />
        </section>
      ) : null}
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        <p className="muted">Owners and admins change experiments, keys and settings; members see everything and change nothing.</p>
        <QueryState query={list}>
          {(data) => (
            <DataTable columns={["Name", "Email", "Role", { label: "Actions", hidden: true }]}>
              {data.members.map((m) => {
                const mayChange = canEdit && (isOwner || m.role !== "owner");
                return (
                  <tr key={m.userId}>
                    <td data-label="Name">{m.name ?? "—"}</td>
                    <td data-label="Email">{m.email}</td>
                    <td data-label="Role">
                      {mayChange ? (
                        <select
                          aria-label={`Role of ${m.email}`}
                          value={m.role}
                          disabled={changeRole.isPending}
                          onChange={(e) => changeRole.mutate({ userId: m.userId, role: parseRole(e.target.value) })}
                          style={{ width: "auto" }}
                        >
                          {ROLES.filter((r) => isOwner || r !== "owner").map((r) => (
                            <option key={r} value={r}>
                              {r}
                            </option>
                          ))}
                        </select>
                      ) : (
                        m.role
                      )}
                      {rowError(m.userId) ? (
                        <span className="field-error" role="alert" data-testid="member-row-error">
                          {errorText(rowError(m.userId))}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {mayChange ? (
                        <button
                          type="button"
                          className="button secondary small"
                          disabled={remove.isPending}
                          onClick={() => {
                            if (window.confirm(`Remove ${m.email} from this workspace?`)) remove.mutate({ userId: m.userId });
                          }}
                        >
                          Remove<span className="sr-only"> {m.email}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
              {data.invitations.map((i) => (
                <tr key={i.id}>
                  <td className="muted" data-label="Name">
                    Invited
                  </td>
                  <td data-label="Email">{i.email}</td>
                  <td data-label="Role">{i.role}</td>
                  <td>
                    {canEdit ? (
                      <button
                        type="button"
                        className="button secondary small"
                        disabled={revoke.isPending}
                        onClick={() => revoke.mutate({ id: i.id })}
                      >
                        Cancel invitation<span className="sr-only"> for {i.email}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </QueryState>
        {last ? (
          <MutationStatus
            isPending={last.isPending}
            isSuccess={last.isSuccess}
            error={last === revoke ? last.error : null}
            pending="Saving…"
            success="Saved."
          />
        ) : null}
      </section>
    </div>
  );
}
