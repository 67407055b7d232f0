import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkedUser, linkOAuthAccount } from "../../src/server/auth/oauth-link";
import { getDb } from "../../src/server/db";
import { generateInvitationToken } from "../../src/server/members/invitation-token";
import { createTestTenant } from "../helpers/fixtures";

const opts = { freeTierLimit: 1000 };
type Identity = Parameters<typeof linkOAuthAccount>[1];
const identity = (over: Partial<Identity> = {}): Identity => ({
  provider: "github",
  providerAccountId: String(Math.floor(Math.random() * 1e9)),
  email: `oauth-${randomUUID().slice(0, 8)}@test.local`,
  emailVerified: true,
  name: "Octo Cat",
  ...over,
});

const HOUR = 3600_000;

/** An invitation row as inviteMember writes it (email lowercased); `at` is when it was made. */
async function invite(tenantId: string, email: string, role: "admin" | "member", over: { expiresAt?: Date; acceptedAt?: Date; at?: Date } = {}) {
  const { tokenHash } = generateInvitationToken();
  const at = over.at ?? new Date();
  return getDb().invitation.create({
    data: {
      tenantId,
      email,
      role,
      tokenHash,
      createdAt: at,
      expiresAt: over.expiresAt ?? new Date(at.getTime() + 7 * 24 * HOUR),
      acceptedAt: over.acceptedAt ?? null,
    },
  });
}

async function membershipsOf(userId: string) {
  const rows = await getDb().membership.findMany({ where: { userId }, include: { tenant: true }, orderBy: { createdAt: "asc" } });
  return rows.map((m) => ({ tenantId: m.tenantId, role: m.role, tenantName: m.tenant.name }));
}

describe("linking OAuth accounts to users", () => {
  it("creates a user, an owned workspace on the free plan and the account row on first sign-in; the same account signs in as that user after", async () => {
    const db = getDb();
    const email = `Mixed-${randomUUID().slice(0, 8)}@Test.Local`;
    const who = identity({ email });
    const first = await linkOAuthAccount(db, who, opts);
    expect(first).toMatchObject({ ok: true, how: "created", sessionVersion: 0 });
    if (!first.ok) return;
    expect(first.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.userId).not.toBe(who.providerAccountId);
    const user = await db.user.findUniqueOrThrow({
      where: { id: first.userId },
      include: { accounts: true, memberships: { include: { tenant: true } } },
    });
    expect(user.email).toBe(email.toLowerCase());
    expect(user.passwordHash).toBeNull();
    expect(user.accounts.map((a) => [a.provider, a.providerAccountId])).toEqual([["github", who.providerAccountId]]);
    expect(user.memberships.map((m) => [m.role, m.tenant.name, m.tenant.plan, m.tenant.usageLimit])).toEqual([
      ["owner", "Octo Cat's workspace", "free", 1000],
    ]);

    // A changed email at the provider does not matter: the account is the link.
    const again = await linkOAuthAccount(db, { ...who, email: "someone-else@test.local" }, opts);
    expect(again).toEqual({ ok: true, userId: first.userId, sessionVersion: 0, how: "linked-before" });
    expect(await db.membership.count({ where: { userId: first.userId } })).toBe(1);
    expect(await linkedUser(db, "github", who.providerAccountId)).toEqual({ id: first.userId, sessionVersion: 0 });
  });

  it("links a verified email to the existing user (password or other provider) without a second workspace", async () => {
    const db = getDb();
    const { user, tenant } = await createTestTenant("oauth-existing");
    const google = await linkOAuthAccount(
      db,
      identity({ provider: "google", providerAccountId: `g-${randomUUID()}`, email: user.email.toUpperCase() }),
      opts,
    );
    expect(google).toMatchObject({ ok: true, userId: user.id, how: "linked-by-email" });
    const github = await linkOAuthAccount(db, identity({ email: user.email }), opts);
    expect(github).toMatchObject({ ok: true, userId: user.id, how: "linked-by-email" });
    expect((await db.account.findMany({ where: { userId: user.id } })).map((a) => a.provider).sort()).toEqual(["github", "google"]);
    expect((await db.membership.findMany({ where: { userId: user.id } })).map((m) => m.tenantId)).toEqual([tenant.id]);
  });

  it("refuses an unverified or missing email and writes nothing", async () => {
    const db = getDb();
    const { user } = await createTestTenant("oauth-victim");
    const unverified = identity({ email: user.email, emailVerified: false });
    const noEmail = identity({ email: null });
    expect(await linkOAuthAccount(db, unverified, opts)).toEqual({ ok: false, reason: "EMAIL_NOT_VERIFIED" });
    expect(await linkOAuthAccount(db, noEmail, opts)).toEqual({ ok: false, reason: "EMAIL_NOT_VERIFIED" });
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.account.count({ where: { providerAccountId: { in: [unverified.providerAccountId, noEmail.providerAccountId] } } })).toBe(0);
  });

  it("two first sign-ins of one account at once end with one user", async () => {
    const db = getDb();
    const email = `race-${randomUUID().slice(0, 8)}@test.local`;
    const who = identity({ email });
    const [a, b] = await Promise.all([linkOAuthAccount(db, who, opts), linkOAuthAccount(db, who, opts)]);
    expect(a.ok && b.ok && a.userId === b.userId).toBe(true);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

describe("first OAuth sign-in of an invited email", () => {
  it("joins the inviting tenant in the invited role, accepts the invitation and audits it, with no workspace of its own", async () => {
    const db = getDb();
    const { tenant } = await createTestTenant("oauth-inviting");
    const email = `invitee-${randomUUID().slice(0, 8)}@test.local`;
    const invitation = await invite(tenant.id, email, "admin");
    // The provider may spell the address with capitals; invitations store it lowercased.
    const who = identity({ email: email.toUpperCase() });

    const first = await linkOAuthAccount(db, who, opts);
    expect(first).toMatchObject({ ok: true, how: "created", sessionVersion: 0 });
    if (!first.ok) return;
    expect(await membershipsOf(first.userId)).toEqual([{ tenantId: tenant.id, role: "admin", tenantName: tenant.name }]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeInstanceOf(Date);
    expect((await db.account.findMany({ where: { userId: first.userId } })).map((a) => a.providerAccountId)).toEqual([who.providerAccountId]);

    const audit = await db.auditLog.findMany({ where: { actor: `user:${first.userId}` } });
    expect(audit.map((a) => ({ tenantId: a.tenantId, action: a.action, target: a.target, after: a.after, metadata: a.metadata }))).toEqual([
      { tenantId: tenant.id, action: "member.joined", target: first.userId, after: { role: "admin" }, metadata: { role: "admin", via: "github" } },
    ]);

    // Signing in again changes nothing.
    expect(await linkOAuthAccount(db, who, opts)).toEqual({ ok: true, userId: first.userId, sessionVersion: 0, how: "linked-before" });
    expect(await db.membership.count({ where: { userId: first.userId } })).toBe(1);
  });

  it("with open invitations from two tenants, joins the newest one and leaves the other open for its link", async () => {
    const db = getDb();
    const older = await createTestTenant("oauth-inv-older");
    const newer = await createTestTenant("oauth-inv-newer");
    const email = `two-invites-${randomUUID().slice(0, 8)}@test.local`;
    const olderInvitation = await invite(older.tenant.id, email, "admin", { at: new Date(Date.now() - 2 * HOUR) });
    const newerInvitation = await invite(newer.tenant.id, email, "member", { at: new Date(Date.now() - HOUR) });

    const first = await linkOAuthAccount(db, identity({ provider: "google", providerAccountId: `g-${randomUUID()}`, email }), opts);
    if (!first.ok) throw new Error("refused");
    expect((await membershipsOf(first.userId)).map((m) => [m.tenantId, m.role])).toEqual([[newer.tenant.id, "member"]]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: newerInvitation.id } })).acceptedAt).toBeInstanceOf(Date);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: olderInvitation.id } })).acceptedAt).toBeNull();
  });

  it("ignores an expired or already accepted invitation: the new user gets a workspace of their own, as before", async () => {
    const db = getDb();
    const expiredBy = await createTestTenant("oauth-inv-expired");
    const acceptedBy = await createTestTenant("oauth-inv-accepted");
    const email = `stale-${randomUUID().slice(0, 8)}@test.local`;
    const expired = await invite(expiredBy.tenant.id, email, "admin", { at: new Date(Date.now() - 8 * 24 * HOUR) });
    const acceptedAt = new Date(Date.now() - HOUR);
    const accepted = await invite(acceptedBy.tenant.id, email, "member", { acceptedAt });

    const first = await linkOAuthAccount(db, identity({ email, name: "Stale Invitee" }), opts);
    if (!first.ok) throw new Error("refused");
    expect((await membershipsOf(first.userId)).map((m) => [m.role, m.tenantName])).toEqual([["owner", "Stale Invitee's workspace"]]);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: expired.id } })).acceptedAt).toBeNull();
    expect((await db.invitation.findUniqueOrThrow({ where: { id: accepted.id } })).acceptedAt).toEqual(acceptedAt);
    expect(await db.membership.count({ where: { tenantId: { in: [expiredBy.tenant.id, acceptedBy.tenant.id] } } })).toBe(2);
    expect((await db.auditLog.findMany({ where: { actor: `user:${first.userId}` } })).map((a) => a.action)).toEqual(["tenant.created"]);
  });

  it("never joins with an unverified email: refused before anything is written, the invitation stays open", async () => {
    const db = getDb();
    const { tenant } = await createTestTenant("oauth-inv-unverified");
    const email = `unverified-${randomUUID().slice(0, 8)}@test.local`;
    const invitation = await invite(tenant.id, email, "admin");

    expect(await linkOAuthAccount(db, identity({ email, emailVerified: false }), opts)).toEqual({ ok: false, reason: "EMAIL_NOT_VERIFIED" });
    expect(await db.user.count({ where: { email } })).toBe(0);
    expect(await db.membership.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect((await db.invitation.findUniqueOrThrow({ where: { id: invitation.id } })).acceptedAt).toBeNull();
  });

  it("two first sign-ins of one invited email at once (GitHub and Google) end with one user who joined once", async () => {
    const db = getDb();
    const { tenant } = await createTestTenant("oauth-inv-race");
    const email = `inv-race-${randomUUID().slice(0, 8)}@test.local`;
    await invite(tenant.id, email, "member");
    const [a, b] = await Promise.all([
      linkOAuthAccount(db, identity({ email }), opts),
      linkOAuthAccount(db, identity({ provider: "google", providerAccountId: `g-${randomUUID()}`, email }), opts),
    ]);
    if (!a.ok || !b.ok) throw new Error("refused");
    expect(a.userId).toBe(b.userId);
    expect([a.how, b.how].sort()).toEqual(["created", "linked-by-email"]);
    expect((await membershipsOf(a.userId)).map((m) => [m.tenantId, m.role])).toEqual([[tenant.id, "member"]]);
    expect(await db.account.count({ where: { userId: a.userId } })).toBe(2);
    expect(await db.auditLog.count({ where: { tenantId: tenant.id, action: "member.joined" } })).toBe(1);
  });
});
