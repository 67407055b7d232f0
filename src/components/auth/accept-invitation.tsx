"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { errorText } from "@/components/forms/server-errors";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useTRPC } from "@/trpc/react";
import { writeTenantCookie } from "@/trpc/tenant-cookie";
import { SignUpForm } from "./sign-up-form";

export function AcceptInvitation({ token, signedIn }: { token: string; signedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const invitation = useQuery(trpc.auth.invitation.queryOptions({ token }));
  const accept = useMutation(
    trpc.auth.acceptInvitation.mutationOptions({
      onSuccess: (joined) => {
        writeTenantCookie(joined.tenantId);
        router.push("/experiments");
        router.refresh();
      },
    }),
  );

  if (invitation.isPending) return <p role="status">Loading the invitation…</p>;
  if (invitation.isError) {
    return (
      <div className="card auth-card">
        <h1>Invitation not valid</h1>
        <p role="alert">{errorText(invitation.error)}</p>
      </div>
    );
  }
  const inv = invitation.data;
  if (!signedIn) return <SignUpForm invitation={{ token, email: inv.email, tenantName: inv.tenantName }} />;
  return (
    <div className="card auth-card">
      <h1>Join {inv.tenantName}</h1>
      <p>
        You are invited as <strong>{inv.role}</strong> ({inv.email}).
      </p>
      <MutationStatus isPending={accept.isPending} isSuccess={accept.isSuccess} error={accept.error} pending="Joining…" success="Joined." />
      <button type="button" className="button" disabled={accept.isPending} onClick={() => accept.mutate({ token })}>
        Accept invitation
      </button>
    </div>
  );
}
