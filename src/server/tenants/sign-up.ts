import "server-only";
import { hash } from "@node-rs/argon2";
import type { Db } from "@/server/db";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { fieldError } from "@/server/lib/app-error";
import { log } from "@/server/lib/logger";
import { findOpenInvitation, invitationNotFound } from "@/server/members/find-invitation";
import { joinByInvitation } from "@/server/members/join-by-invitation";
import type { TSignUpInput } from "@/shared/schemas/tenants";
import { createOwnedWorkspace } from "./create-workspace";
import type { TSignUpOutput } from "./schemas";

/**
 * A new user with a password. Without an invitation they get a new tenant on the
 * free plan as its owner; with one they join the inviting tenant in the invited role.
 * Everything is written in one transaction.
 *
 * An email that already has an account gets the same answer, in about the same time,
 * and nothing is written: sign-up must not tell anyone which emails have accounts
 * (sign-in does not either). The owner of that email then simply signs in.
 */
export async function signUp(db: Db, input: TSignUpInput, opts: { freeTierLimit: number; now?: Date }): Promise<TSignUpOutput> {
  const now = opts.now ?? new Date();
  const invitation = input.invitationToken ? await findOpenInvitation(db, input.invitationToken, now) : null;
  if (invitation && invitation.email !== input.email) {
    throw fieldError("BAD_REQUEST", "INVITATION_EMAIL_MISMATCH", "email", `this invitation is for ${invitation.email}.`);
  }
  const answer: TSignUpOutput = { joined: invitation !== null };
  // Hashed before the lookup, so a taken email costs as long as a new one.
  const passwordHash = await hash(input.password);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) return existingAccount(answer);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      if (invitation) {
        // Used, revoked or expired since it was read: the answer it would have had a moment earlier.
        if (!(await joinByInvitation(tx, { invitation, userId: user.id, now }))) throw invitationNotFound();
        return answer;
      }
      const workspaceName = input.workspaceName?.trim() || `${input.name}'s workspace`;
      await createOwnedWorkspace(tx, { userId: user.id, workspaceName, freeTierLimit: opts.freeTierLimit });
      return answer;
    });
  } catch (error) {
    // Two sign-ups racing for one email: the unique index decides, and the loser is answered alike.
    if (isUniqueViolation(error)) return existingAccount(answer);
    throw error;
  }
}

// Where a "someone tried to sign up with your email" notice would be sent, once the
// app sends email; until then it is only logged (without the address).
function existingAccount(answer: TSignUpOutput): TSignUpOutput {
  log("info", "sign-up for an email that already has an account; answered like a new one");
  return answer;
}
