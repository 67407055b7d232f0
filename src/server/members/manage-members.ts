import "server-only";
import type { TenantPrincipal } from "@/server/api/trpc";
import { auditEntry } from "@/server/audit/audit-entry";
import type { Db } from "@/server/db";
import { appError, fieldError } from "@/server/lib/app-error";
import { assertMayAssign } from "./role-rules";
import { parseRole, type Role } from "@/shared/domain/members";

export async function listMembers(db: Db, tenantId: string, now = new Date()) {
  const [memberships, invitations] = await Promise.all([
    db.membership.findMany({ where: { tenantId }, include: { user: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" } }),
    db.invitation.findMany({ where: { tenantId, acceptedAt: null, expiresAt: { gt: now } }, orderBy: { createdAt: "desc" } }),
  ]);
  return {
    members: memberships.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: parseRole(m.role), joinedAt: m.createdAt })),
    invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: parseRole(i.role), expiresAt: i.expiresAt, createdAt: i.createdAt })),
  };
}

async function membershipOrThrow(db: Db, tenantId: string, userId: string) {
  const row = await db.membership.findUnique({ where: { userId_tenantId: { userId, tenantId } } });
  if (!row) throw appError("NOT_FOUND", "MEMBER_NOT_FOUND", "No member with this id in this tenant.");
  return row;
}

async function assertNotLastOwner(db: Db, tenantId: string, fromRole: string) {
  if (fromRole !== "owner") return;
  const owners = await db.membership.count({ where: { tenantId, role: "owner" } });
  if (owners <= 1) throw fieldError("CONFLICT", "LAST_OWNER", "role", "a tenant keeps at least one owner; make someone else owner first.");
}

export async function changeMemberRole(db: Db, principal: TenantPrincipal, input: { userId: string; role: Role }) {
  const row = await membershipOrThrow(db, principal.tenantId, input.userId);
  const from = parseRole(row.role);
  assertMayAssign(principal.role, from, input.role);
  if (from !== input.role && input.role !== "owner") await assertNotLastOwner(db, principal.tenantId, from);
  if (from !== input.role) {
    await db.$transaction([
      db.membership.update({ where: { id: row.id }, data: { role: input.role } }),
      db.auditLog.create({
        data: auditEntry({
          tenantId: principal.tenantId,
          actor: principal.actor,
          action: "member.role_changed",
          target: input.userId,
          before: { role: from },
          after: { role: input.role },
          metadata: { from, to: input.role },
        }),
      }),
    ]);
  }
  return { userId: input.userId, role: input.role };
}

export async function removeMember(db: Db, principal: TenantPrincipal, userId: string) {
  const row = await membershipOrThrow(db, principal.tenantId, userId);
  assertMayAssign(principal.role, parseRole(row.role), "member");
  await assertNotLastOwner(db, principal.tenantId, row.role);
  await db.$transaction([
    db.membership.delete({ where: { id: row.id } }),
    db.auditLog.create({
      data: auditEntry({
        tenantId: principal.tenantId,
        actor: principal.actor,
        action: "member.removed",
        target: userId,
        before: { role: row.role },
      }),
    }),
  ]);
  return { userId };
}

export async function revokeInvitation(db: Db, principal: TenantPrincipal, id: string) {
  const notFound = () => appError("NOT_FOUND", "INVITATION_NOT_FOUND", "No open invitation with this id.");
  const invitation = await db.invitation.findFirst({
    where: { id, tenantId: principal.tenantId, acceptedAt: null },
    select: { email: true, role: true },
  });
  if (!invitation) throw notFound();
  await db.$transaction(async (tx) => {
    const deleted = await tx.invitation.deleteMany({ where: { id, tenantId: principal.tenantId, acceptedAt: null } });
    // Accepted or revoked in the meantime: nothing changed, so nothing is recorded.
    if (deleted.count === 0) throw notFound();
    await tx.auditLog.create({
      data: auditEntry({
        tenantId: principal.tenantId,
        actor: principal.actor,
        action: "member.invitation_revoked",
        target: id,
        before: { ...invitation },
      }),
    });
  });
  return { id };
}
