import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";
import { hashInvitationToken } from "./invitation-token";
import { parseRole } from "@/shared/domain/members";

export type OpenInvitation = Awaited<ReturnType<typeof findOpenInvitation>>;

/** An invitation can be accepted until it is used or expires. */
const openAt = (now: Date) => ({ acceptedAt: null, expiresAt: { gt: now } }) satisfies Prisma.InvitationWhereInput;

const withTenantName = { tenant: { select: { name: true } } } satisfies Prisma.InvitationInclude;

function toOpenInvitation(row: Prisma.InvitationGetPayload<{ include: typeof withTenantName }>) {
  return { id: row.id, tenantId: row.tenantId, tenantName: row.tenant.name, email: row.email, role: parseRole(row.role), expiresAt: row.expiresAt };
}

/** One answer for an unknown, used and expired link. */
export const invitationNotFound = () =>
  appError("NOT_FOUND", "INVITATION_NOT_FOUND", "This invitation link is invalid, used or expired; ask for a new one.");

/** The invitation behind a token if it can still be accepted; NOT_FOUND otherwise. */
export async function findOpenInvitation(db: Db, token: string, now = new Date()) {
  const row = await db.invitation.findFirst({ where: { tokenHash: hashInvitationToken(token), ...openAt(now) }, include: withTenantName });
  if (!row) throw invitationNotFound();
  return toOpenInvitation(row);
}

/**
 * The open invitation for an email (lowercased, as invitations store it), for a first sign-in
 * that has no link to follow; null if there is none. A tenant has at most one open invitation
 * per email (a new one replaces it), but several tenants may each have one: the newest wins,
 * and the others stay open for their links.
 */
export async function findOpenInvitationForEmail(db: Prisma.TransactionClient, email: string, now = new Date()): Promise<OpenInvitation | null> {
  const row = await db.invitation.findFirst({
    where: { email, ...openAt(now) },
    include: withTenantName,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return row ? toOpenInvitation(row) : null;
}
