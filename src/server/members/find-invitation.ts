import "server-only";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";
import { hashInvitationToken } from "./invitation-token";
import { parseRole } from "@/shared/domain/members";

/** The invitation behind a token if it can still be accepted; NOT_FOUND otherwise (one answer for unknown, used, expired). */
export async function findOpenInvitation(db: Db, token: string, now = new Date()) {
  const row = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { tenant: { select: { name: true } } },
  });
  if (!row || row.acceptedAt || row.expiresAt <= now) {
    throw appError("NOT_FOUND", "INVITATION_NOT_FOUND", "This invitation link is invalid, used or expired; ask for a new one.");
  }
  return { id: row.id, tenantId: row.tenantId, tenantName: row.tenant.name, email: row.email, role: parseRole(row.role), expiresAt: row.expiresAt };
}
