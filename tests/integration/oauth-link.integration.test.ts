import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkedUser, linkOAuthAccount } from "../../src/server/auth/oauth-link";
import { getDb } from "../../src/server/db";
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
