import "server-only";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";
import { findOpenInvitation, invitationNotFound } from "./find-invitation";
import { joinByInvitation } from "./join-by-invitation";

/** A signed-in user joins the tenant that invited their email address. */
export async function acceptInvitation(db: Db, userId: string, token: string, now = new Date()) {
  const invitation = await findOpenInvitation(db, token, now);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (user.email.toLowerCase() !== invitation.email) {
    throw appError("FORBIDDEN", "INVITATION_EMAIL_MISMATCH", `This invitation is for ${invitation.email}; sign in with that address.`);
  }
  await db.$transaction(async (tx) => {
    // Used, revoked or expired since it was read (a second click, say): the same answer as then.
    if (!(await joinByInvitation(tx, { invitation, userId, now }))) throw invitationNotFound();
  });
  return { tenantId: invitation.tenantId, tenantName: invitation.tenantName, role: invitation.role };
}
