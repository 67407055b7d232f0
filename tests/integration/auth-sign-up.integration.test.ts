import { randomUUID } from "node:crypto";
import { verify } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { signInAttemptAllowed } from "../../src/server/auth/sign-in-limit";
import { getDb } from "../../src/server/db";
import { callTrpc } from "../helpers/trpc-http";

const mutate = (path: string, input: unknown) => callTrpc(path, input);

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@signup.test`;

describe("auth.signUp", () => {
  it("writes the user (argon2-hashed password), a free-plan tenant and an owner membership", async () => {
    const email = uniqueEmail("ada");
    const { status, data } = await mutate("auth.signUp", {
      name: "Ada",
      email: email.toUpperCase(),
      password: "a-long-password",
      workspaceName: "Ada's Shop",
    });
    expect(status).toBe(200);
    expect(data).toMatchObject({ joined: false });
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { tenant: true } } } });
    expect(user.name).toBe("Ada");
    expect(user.passwordHash).not.toContain("a-long-password");
    expect(await verify(user.passwordHash ?? "", "a-long-password")).toBe(true);
    expect(user.memberships).toHaveLength(1);
    expect(user.memberships[0]).toMatchObject({ role: "owner", tenant: { name: "Ada's Shop", plan: "free", usageLimit: 1000, currentUsage: 0 } });
  });

  it("names the workspace after a full-length name without overflowing its 255 characters or splitting an emoji", async () => {
    const email = uniqueEmail("long");
    const name = `${"a".repeat(253)}😀`; // 255 UTF-16 units, the longest name sign-up takes
    const { status } = await mutate("auth.signUp", { name, email, password: "a-long-password" });
    expect(status).toBe(200);
    const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { memberships: { include: { tenant: true } } } });
    const workspace = user.memberships[0]?.tenant.name ?? "";
    expect(Array.from(workspace)).toHaveLength(255);
    expect(workspace).toBe(`${name}'`);
  });

  // Sign-up must not reveal which emails have accounts (sign-in does not): a taken email
  // (in any case) gets exactly a new email's answer, and nothing is written or changed.
  it("answers a taken email (in any case) exactly like a new one, and writes nothing more", async () => {
    const email = uniqueEmail("dup");
    const first = await mutate("auth.signUp", { name: "First", email, password: "a-long-password" });
    expect(first.status).toBe(200);
    const fresh = await mutate("auth.signUp", { name: "Other", email: uniqueEmail("fresh"), password: "another-password" });
    const tenantsBefore = await getDb().tenant.count({ where: { memberships: { some: { user: { email } } } } });
    const again = await mutate("auth.signUp", { name: "Second", email: email.toUpperCase(), password: "another-password" });
    expect([again.status, again.raw]).toEqual([fresh.status, fresh.raw]);
    expect(again.data).toEqual({ joined: false });
    expect(await getDb().tenant.count({ where: { memberships: { some: { user: { email } } } } })).toBe(tenantsBefore);
    const user = await getDb().user.findUniqueOrThrow({ where: { email } });
    expect(user.name).toBe("First");
    expect(await verify(user.passwordHash ?? "", "a-long-password")).toBe(true);
  });

  it("rejects bad input with BAD_REQUEST naming each field, and writes nothing", async () => {
    const email = uniqueEmail("short");
    const res = await mutate("auth.signUp", { name: "", email, password: "short" });
    expect(res.status).toBe(400);
    expect(res.error?.data.appCode).toBe("INVALID_INPUT");
    expect(res.error?.data.zodError?.fieldErrors.password).toEqual(["must be at least 10 characters"]);
    expect(res.error?.data.zodError?.fieldErrors.name).toEqual(["must not be empty"]);
    expect(res.error?.message).toContain("password: must be at least 10 characters");
    expect(await getDb().user.count({ where: { email } })).toBe(0);

    const badEmail = await mutate("auth.signUp", { name: "X", email: "not-an-email", password: "a-long-password" });
    expect(badEmail.status).toBe(400);
    expect(badEmail.error?.message).toBe("email: must be an email address");
  });

  it("joins the inviting tenant in the invited role when signing up with an invitation", async () => {
    const db = getDb();
    const tenant = await db.tenant.create({ data: { name: `inviting-${randomUUID().slice(0, 8)}` } });
    const { generateInvitationToken } = await import("../../src/server/members/invitation-token");
    const { token, tokenHash } = generateInvitationToken();
    const email = uniqueEmail("invitee");
    await db.invitation.create({ data: { tenantId: tenant.id, email, role: "admin", tokenHash, expiresAt: new Date(Date.now() + 3600_000) } });

    const wrong = await mutate("auth.signUp", { name: "Eve", email: uniqueEmail("eve"), password: "a-long-password", invitationToken: token });
    expect(wrong.status).toBe(400);
    expect(wrong.error?.data.appCode).toBe("INVITATION_EMAIL_MISMATCH");

    const ok = await mutate("auth.signUp", { name: "Ivy", email, password: "a-long-password", invitationToken: token });
    expect(ok.data).toEqual({ joined: true });
    const memberships = await db.membership.findMany({ where: { user: { email } } });
    expect(memberships.map((m) => [m.tenantId, m.role])).toEqual([[tenant.id, "admin"]]);
    // Used once: the same link does not work again.
    const reuse = await mutate("auth.signUp", { name: "Ivy2", email: uniqueEmail("ivy2"), password: "a-long-password", invitationToken: token });
    expect(reuse.status).toBe(404);
  });
});

// A random IPv6 /64 per run: these buckets live in a shared Redis for hours.
const randomIpv6 = () => `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;

describe("sign-in rate limit", () => {
  it("allows 10 attempts per email from one client in the window, then refuses that client but not another, nor another email", async () => {
    const email = uniqueEmail("limited");
    const client = { "x-forwarded-for": randomIpv6() };
    const opts = { trustedProxy: "1" };
    const results: boolean[] = [];
    for (let i = 0; i < 11; i++) results.push(await signInAttemptAllowed(email, client, opts));
    expect(results.slice(0, 10).every(Boolean)).toBe(true);
    expect(results[10]).toBe(false);
    expect(await signInAttemptAllowed(uniqueEmail("other"), client, opts)).toBe(true);
    expect(await signInAttemptAllowed(email, { "x-forwarded-for": randomIpv6() }, opts)).toBe(true);
  });

  it("limits one address across many emails, however the client rotates the X-Forwarded-For it sends", async () => {
    const real = randomIpv6();
    let allowed = 0;
    for (let i = 0; i < 55; i++) {
      // The client writes anything it likes; the one trusted proxy appends the address it saw.
      const headers = new Headers({ "x-forwarded-for": `192.0.2.${i}, 10.0.0.${i}, ${real}` });
      if (await signInAttemptAllowed(uniqueEmail(`ip${i}`), headers, { trustedProxy: "1" })) allowed++;
    }
    expect(allowed).toBe(50);
  });

  // Before: with no X-Forwarded-For every client shared one "unknown" bucket, so 51 failures from anyone locked everyone out.
  it("never puts every client without a trusted address into one shared bucket", async () => {
    for (let i = 0; i < 55; i++) await signInAttemptAllowed(uniqueEmail(`anon${i}`), {});
    expect(await signInAttemptAllowed(uniqueEmail("someone-else"), {})).toBe(true);
  });
});

describe("sign-up rate limit", () => {
  const input = (email: string) => ({ name: "Rate", email, password: "a-long-password" });

  it("refuses the 11th sign-up from one client within the hour with 429 TOO_MANY_ATTEMPTS", async () => {
    const browser = { cookie: `next-auth.csrf-token=${randomUUID()}` };
    for (let i = 0; i < 10; i++) expect((await callTrpc("auth.signUp", input(uniqueEmail(`bulk${i}`)), browser)).status).toBe(200);
    const email = uniqueEmail("bulk-over");
    const over = await callTrpc("auth.signUp", input(email), browser);
    expect(over.status).toBe(429);
    expect(over.error?.data.appCode).toBe("TOO_MANY_ATTEMPTS");
    expect(await getDb().user.count({ where: { email } })).toBe(0);
  });

  it("refuses the 6th sign-up attempt for one email within the hour, from anywhere", async () => {
    const email = uniqueEmail("probed");
    for (let i = 0; i < 5; i++) expect((await callTrpc("auth.signUp", input(email))).status).toBe(200);
    const over = await callTrpc("auth.signUp", input(email));
    expect(over.status).toBe(429);
    expect(over.error?.data.appCode).toBe("TOO_MANY_ATTEMPTS");
  });
});
