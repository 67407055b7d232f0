import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { auditEntry } from "@/server/audit/audit-entry";
import type { Role } from "@/shared/domain/members";

/**
 * A user joins the tenant that invited them, in the invited role, inside the caller's
 * transaction: the invitation is marked accepted, the membership written and "member.joined"
 * audited. Used by password sign-up with a link, a first OAuth sign-in of an invited email,
 * and a signed-in user accepting a link.
 *
 * The invitation is claimed only if it is still open when written (not accepted meanwhile by a
 * racing request, revoked or replaced, nor expired): false then, and nothing is written.
 */
export async function joinByInvitation(
  tx: Prisma.TransactionClient,
  join: { invitation: { id: string; tenantId: string; role: Role }; userId: string; now: Date; via?: string },
): Promise<boolean> {
  const { invitation, userId, now } = join;
  const claimed = await tx.invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (claimed.count === 0) return false;
  // An upsert, for a user who already belongs to the tenant: accepting is then only recorded.
  await tx.membership.upsert({
    where: { userId_tenantId: { userId, tenantId: invitation.tenantId } },
    create: { userId, tenantId: invitation.tenantId, role: invitation.role },
    update: {},
  });
  await tx.auditLog.create({
    data: auditEntry({
      tenantId: invitation.tenantId,
      actor: `user:${userId}`,
      action: "member.joined",
      target: userId,
      after: { role: invitation.role },
      metadata: { role: invitation.role, ...(join.via ? { via: join.via } : {}) },
    }),
  });
  return true;
}
