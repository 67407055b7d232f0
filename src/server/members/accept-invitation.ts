import "server-only";
import type { Db } from "@/server/db";
import { auditEntry } from "@/server/audit/audit-entry";
import { appError } from "@/server/lib/app-error";
import { findOpenInvitation } from "./find-invitation";

/** A signed-in user joins the tenant that invited their email address. */
export async function acceptInvitation(db: Db, userId: string, token: string, now = new Date()) {
  const invitation = await findOpenInvitation(db, token, now);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (user.email.toLowerCase() !== invitation.email) {
    throw appError("FORBIDDEN", "INVITATION_EMAIL_MISMATCH", `This invitation is for ${invitation.email}; sign in with that address.`);
  }
  await db.$transaction(async (tx) => {
    await tx.membership.upsert({
      where: { userId_tenantId: { userId, tenantId: invitation.tenantId } },
      create: { userId, tenantId: invitation.tenantId, role: invitation.role },
      update: {},
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
    await tx.auditLog.create({
      data: auditEntry({
        tenantId: invitation.tenantId,
        actor: `user:${userId}`,
        action: "member.joined",
        target: userId,
        after: { role: invitation.role },
        metadata: { role: invitation.role },
      }),
    });
  });
  return { tenantId: invitation.tenantId, tenantName: invitation.tenantName, role: invitation.role };
}
