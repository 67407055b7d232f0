import "server-only";
import type { Db } from "@/server/db";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { log } from "@/server/lib/logger";
import { findOpenInvitationForEmail } from "@/server/members/find-invitation";
import { joinByInvitation } from "@/server/members/join-by-invitation";
import { createOwnedWorkspace } from "@/server/tenants/create-workspace";

export interface OAuthIdentity {
  /** next-auth's provider id: "github", "google". */
  provider: string;
  /** The provider's own id for the person; never used as a user id. */
  providerAccountId: string;
  email: string | null;
  /** Whether the provider vouches that the person controls the email. */
  emailVerified: boolean;
  name: string | null;
}

export type LinkResult =
  | { ok: true; userId: string; sessionVersion: number; how: "linked-before" | "linked-by-email" | "created" }
  | { ok: false; reason: "EMAIL_NOT_VERIFIED" };

async function byAccount(db: Db, identity: OAuthIdentity) {
  const account = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId } },
    select: { user: { select: { id: true, sessionVersion: true } } },
  });
  return account?.user ?? null;
}

/**
 * The user an OAuth sign-in is for, linking the provider account on first use:
 * an account linked before signs in as its user; otherwise a verified email that
 * already has a user is linked to that user (no second workspace); otherwise a new
 * user is created and, like sign-up, joins the tenant that invited that email in the
 * invited role (the newest open invitation), or else gets a workspace on the free
 * plan as its owner. An unverified email is refused: linking (or joining) by it would
 * let anyone who types someone else's address into a provider take over that
 * person's account (or invitation).
 */
export async function linkOAuthAccount(
  db: Db,
  identity: OAuthIdentity,
  opts: { freeTierLimit: number; now?: Date; retried?: boolean },
): Promise<LinkResult> {
  const linked = await byAccount(db, identity);
  if (linked) return { ok: true, userId: linked.id, sessionVersion: linked.sessionVersion, how: "linked-before" };
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: "EMAIL_NOT_VERIFIED" };
  const email = identity.email.trim().toLowerCase();
  const accountRow = { provider: identity.provider, providerAccountId: identity.providerAccountId };
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, sessionVersion: true } });
      if (existing) {
        await tx.account.create({ data: { ...accountRow, userId: existing.id } });
        log("info", "oauth account linked to an existing user by verified email", { provider: identity.provider });
        return { ok: true as const, userId: existing.id, sessionVersion: existing.sessionVersion, how: "linked-by-email" as const };
      }
      const name = identity.name?.trim().slice(0, 255) || null;
      const user = await tx.user.create({ data: { email, name } });
      await tx.account.create({ data: { ...accountRow, userId: user.id } });
      // The provider vouches for the email, as the invitation link would have: the team's tenant, not an empty one.
      const now = opts.now ?? new Date();
      const invitation = await findOpenInvitationForEmail(tx, email, now);
      const joined = invitation !== null && (await joinByInvitation(tx, { invitation, userId: user.id, now, via: identity.provider }));
      if (joined) return { ok: true as const, userId: user.id, sessionVersion: user.sessionVersion, how: "created" as const };
      await createOwnedWorkspace(tx, {
        userId: user.id,
        workspaceName: `${name ?? email.split("@")[0]}'s workspace`,
        freeTierLimit: opts.freeTierLimit,
        via: identity.provider,
      });
      return { ok: true as const, userId: user.id, sessionVersion: user.sessionVersion, how: "created" as const };
    });
  } catch (error) {
    // Two first sign-ins racing (same account, or same new email): the other one won; use its row.
    if (!isUniqueViolation(error) || opts.retried) throw error;
    const winner = await byAccount(db, identity);
    if (winner) return { ok: true, userId: winner.id, sessionVersion: winner.sessionVersion, how: "linked-before" };
    // The email's user was created meanwhile: one more pass links to it.
    return linkOAuthAccount(db, identity, { ...opts, retried: true });
  }
}

/** The user a provider account is linked to (after linkOAuthAccount), for the session token. */
export async function linkedUser(db: Db, provider: string, providerAccountId: string) {
  return byAccount(db, { provider, providerAccountId, email: null, emailVerified: false, name: null });
}
