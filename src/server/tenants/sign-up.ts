import { hash } from "@node-rs/argon2";
import { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";
import { findOpenInvitation } from "@/server/members/find-invitation";
import type { TSignUpInput } from "./schemas";

const EMAIL_TAKEN = "email: an account with this email already exists; sign in instead.";

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/**
 * A new user with a password. Without an invitation they get a new tenant on the
 * free plan as its owner; with one they join the inviting tenant in the invited role.
 * Everything is written in one transaction.
 */
export async function signUp(db: Db, input: TSignUpInput, opts: { freeTierLimit: number; now?: Date }) {
  const now = opts.now ?? new Date();
  const invitation = input.invitationToken ? await findOpenInvitation(db, input.invitationToken, now) : null;
  if (invitation && invitation.email !== input.email) {
    throw appError("BAD_REQUEST", "INVITATION_EMAIL_MISMATCH", `email: this invitation is for ${invitation.email}.`);
  }
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw appError("CONFLICT", "EMAIL_TAKEN", EMAIL_TAKEN);
  }
  const passwordHash = await hash(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      if (invitation) {
        await tx.membership.create({ data: { userId: user.id, tenantId: invitation.tenantId, role: invitation.role } });
        await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: now } });
        await tx.auditLog.create({
          data: { tenantId: invitation.tenantId, actor: `user:${user.id}`, action: "member.joined", target: user.id, metadata: { role: invitation.role } },
        });
        return { userId: user.id, tenantId: invitation.tenantId, joined: true };
      }
      const workspace = input.workspaceName?.trim() || `${input.name}'s workspace`;
      const tenant = await tx.tenant.create({ data: { name: workspace, plan: "free", usageLimit: opts.freeTierLimit } });
      await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: "owner" } });
      await tx.auditLog.create({ data: { tenantId: tenant.id, actor: `user:${user.id}`, action: "tenant.created", target: tenant.id } });
      return { userId: user.id, tenantId: tenant.id, joined: false };
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides.
    if (isUniqueViolation(error)) throw appError("CONFLICT", "EMAIL_TAKEN", EMAIL_TAKEN);
    throw error;
  }
}
