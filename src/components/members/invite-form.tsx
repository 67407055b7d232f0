"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { SecretBox } from "@/components/forms/secret-box";
import { Field } from "@/components/forms/field";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import { isOneOf } from "@/shared/domain/one-of";
import { ROLES, type Role } from "@/shared/domain/members";
import { ZInviteInput } from "@/shared/schemas/members";
import { useTRPC } from "@/trpc/react";

export function InviteForm({ isOwner }: { isOwner: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const values = useMemo(() => ({ email, role }), [email, role]);
  const v = useValidation(ZInviteInput, values);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onError: (e) => v.fromServer(e),
      onSuccess: () => {
        setEmail("");
        v.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.members.list.queryKey() });
      },
    }),
  );
  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (data) invite.mutate(data);
  }
  return (
    <>
      <form onSubmit={onSubmit} noValidate className="row" aria-label="Invite a member">
        <Field label="Email" className="grow" error={v.errorFor("email")}>
          {(c) => <input {...c} type="email" value={email} onChange={(e) => setEmail(e.target.value)} onBlur={() => v.touch("email")} />}
        </Field>
        <Field label="Role" error={v.errorFor("role")}>
          {(c) => (
            <select {...c} value={role} onChange={(e) => setRole(isOneOf(ROLES, e.target.value) ? e.target.value : "member")}>
              <option value="member">Member (view only)</option>
              <option value="admin">Admin</option>
              {isOwner ? <option value="owner">Owner</option> : null}
            </select>
          )}
        </Field>
        <div className="field">
          <button type="submit" className="button" disabled={invite.isPending}>
            {invite.isPending ? "Inviting…" : "Invite"}
          </button>
        </div>
      </form>
      {invite.data ? (
        <SecretBox testId="invitation-link" value={invite.data.link} copyLabel="Copy link">
          Send this link to {invite.data.email}; it works once, for 7 days:
        </SecretBox>
      ) : (
        <MutationStatus isPending={invite.isPending} isSuccess={false} error={invite.error} pending="Inviting…" fields={["email", "role"]} />
      )}
    </>
  );
}
