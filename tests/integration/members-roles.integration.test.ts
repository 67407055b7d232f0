import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";
import { callTrpc } from "../helpers/trpc-http";

// Every call goes through the real route handler, as a signed-in browser would.
const call = (path: string, input: unknown, cookie: string) => callTrpc(path, input, { cookie });

async function addUser(tenantId: string, role: "owner" | "admin" | "member") {
  const user = await getDb().user.create({ data: { email: `${role}-${randomUUID().slice(0, 8)}@members.test`, name: role } });
  await getDb().membership.create({ data: { userId: user.id, tenantId, role } });
  return { user, cookie: await sessionCookie(user.id) };
}

describe("members and roles", () => {
  it("lets a member read everything but change nothing (FORBIDDEN, nothing written)", async () => {
    const { tenant, user } = await createTestTenant("member-ro", "member");
    const cookie = await sessionCookie(user.id);
    expect((await call("settings.get", undefined, cookie)).status).toBe(200);
    expect((await call("members.list", undefined, cookie)).status).toBe(200);

    const update = await call("settings.update", { name: "renamed by a member", webhookUrl: "https://evil.example/hook" }, cookie);
    expect(update.status).toBe(403);
    expect(update.error?.data.code).toBe("FORBIDDEN");
    expect(update.error?.message).toBe("This needs the admin role; you are member.");
    const after = await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(after.name).toBe(tenant.name);
    expect(after.webhookUrl).toBeNull();

    expect((await call("members.invite", { email: "x@members.test", role: "member" }, cookie)).status).toBe(403);
    expect((await call("experiments.create", { key: "k", name: "n", variants: [] }, cookie)).status).toBe(403);
    expect(await getDb().invitation.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("lets an admin invite members and admins but not owners, and returns a one-time link", async () => {
    const { tenant } = await createTestTenant("admin-inv", "owner");
    const admin = await addUser(tenant.id, "admin");
    const email = `new-${randomUUID().slice(0, 8)}@members.test`;
    const invited = await call("members.invite", { email: email.toUpperCase(), role: "member" }, admin.cookie);
    expect(invited.status).toBe(200);
    const link = (invited.data as { link: string }).link;
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().invitation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(stored.email).toBe(email);
    // Only the hash is stored.
    expect(link).not.toContain(stored.tokenHash);

    const owner = await call("members.invite", { email: `o-${email}`, role: "owner" }, admin.cookie);
    expect(owner.status).toBe(403);
    expect(owner.error?.data.appCode).toBe("OWNER_REQUIRED");
  });

  it("changes roles within the rules and always keeps an owner", async () => {
    const { tenant, user: ownerUser } = await createTestTenant("roles", "owner");
    const ownerCookie = await sessionCookie(ownerUser.id);
    const admin = await addUser(tenant.id, "admin");
    const member = await addUser(tenant.id, "member");

    expect((await call("members.changeRole", { userId: member.user.id, role: "admin" }, admin.cookie)).status).toBe(200);
    const promoteOwner = await call("members.changeRole", { userId: member.user.id, role: "owner" }, admin.cookie);
    expect(promoteOwner.status).toBe(403);
    const demoteOwner = await call("members.changeRole", { userId: ownerUser.id, role: "member" }, admin.cookie);
    expect(demoteOwner.status).toBe(403);

    const lastOwner = await call("members.changeRole", { userId: ownerUser.id, role: "admin" }, ownerCookie);
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.error?.data.appCode).toBe("LAST_OWNER");

    const roles = await getDb().membership.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
    expect(roles.map((m) => m.role)).toEqual(["owner", "admin", "admin"]);
  });

  it("accepts an invitation for a signed-in user with the invited email only", async () => {
    const { tenant } = await createTestTenant("accept", "owner");
    const admin = await addUser(tenant.id, "admin");
    const { user: other } = await createTestTenant("elsewhere", "owner");
    const invited = await call("members.invite", { email: other.email, role: "member" }, admin.cookie);
    const token = (invited.data as { link: string }).link.split("/").at(-1) ?? "";

    const stranger = await createTestTenant("stranger", "owner");
    const wrong = await call("auth.acceptInvitation", { token }, await sessionCookie(stranger.user.id));
    expect(wrong.status).toBe(403);

    const ok = await call("auth.acceptInvitation", { token }, await sessionCookie(other.id));
    expect(ok.data).toMatchObject({ tenantId: tenant.id, role: "member" });
    const me = await call("auth.me", undefined, await sessionCookie(other.id));
    expect((me.data as { tenants: { id: string }[] }).tenants.map((t) => t.id)).toContain(tenant.id);
    expect((await call("auth.acceptInvitation", { token }, await sessionCookie(other.id))).status).toBe(404);
  });
});
