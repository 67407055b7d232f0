import "server-only";
import type { TenantPrincipal } from "@/server/api/trpc";
import { auditEntry } from "@/server/audit/audit-entry";
import type { Db } from "@/server/db";
import { fieldError } from "@/server/lib/app-error";
import { generateInvitationToken } from "./invitation-token";
import { assertMayAssign } from "./role-rules";
import type { TInviteInput } from "@/shared/schemas/members";

export const INVITATION_TTL_DAYS = 7;

/** Records an invitation and returns the one-time token for the link (stored hashed). */
export async function inviteMember(db: Db, principal: TenantPrincipal, input: TInviteInput, now = new Date()) {
  assertMayAssign(principal.role, null, input.role);
  const existing = await db.membership.findFirst({ where: { tenantId: principal.tenantId, user: { email: input.email } } });
  if (existing) throw fieldError("CONFLICT", "ALREADY_MEMBER", "email", `${input.email} is already a member.`);
  const { token, tokenHash } = generateInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 3600 * 1000);
  const row = await db.$transaction(async (tx) => {
    // A new invitation replaces any open one for the same address.
    await tx.invitation.deleteMany({ where: { tenantId: principal.tenantId, email: input.email, acceptedAt: null } });
    const created = await tx.invitation.create({
      data: { tenantId: principal.tenantId, email: input.email, role: input.role, tokenHash, expiresAt },
    });
    await tx.auditLog.create({
      data: auditEntry({
        tenantId: principal.tenantId,
        actor: principal.actor,
        action: "member.invited",
        target: created.id,
        after: { email: input.email, role: input.role },
        metadata: { email: input.email, role: input.role },
      }),
    });
    return created;
  });
  return { id: row.id, email: row.email, role: input.role, expiresAt: row.expiresAt, createdAt: row.createdAt, token };
}
