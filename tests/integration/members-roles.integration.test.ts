import { randomUUID } from "node:crypto";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { GET, POST } from "../../src/app/api/trpc/[trpc]/route";
import { getDb } from "../../src/server/db";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";

interface ErrorBody {
  message: string;
  data: { code: string; appCode: string | null };
}

async function call(method: "GET" | "POST", path: string, input: unknown, cookie: string) {
  const url = new URL(`http://localhost/api/trpc/${path}`);
  if (method === "GET" && input !== undefined) url.searchParams.set("input", JSON.stringify(superjson.serialize(input)));
  const init: RequestInit = { method, headers: { "content-type": "application/json", cookie } };
  if (method === "POST") init.body = JSON.stringify(superjson.serialize(input));
  const res = await (method === "GET" ? GET : POST)(new Request(url, init));
  const body = (await res.json()) as { result?: { data: unknown }; error?: { json: ErrorBody } };
  return { status: res.status, data: body.result ? superjson.deserialize(body.result.data as never) : undefined, error: body.error?.json };
}

async function addUser(tenantId: string, role: "owner" | "admin" | "member") {
  const user = await getDb().user.create({ data: { email: `${role}-${randomUUID().slice(0, 8)}@members.test`, name: role } });
  await getDb().membership.create({ data: { userId: user.id, tenantId, role } });
  return { user, cookie: await sessionCookie(user.id) };
}

describe("members and roles", () => {
  it("lets a member read everything but change nothing (FORBIDDEN, nothing written)", async () => {
    const { tenant, user } = await createTestTenant("member-ro", "member");
    const cookie = await sessionCookie(user.id);
    expect((await call("GET", "settings.get", undefined, cookie)).status).toBe(200);
    expect((await call("GET", "members.list", undefined, cookie)).status).toBe(200);

    const update = await call("POST", "settings.update", { name: "renamed by a member", webhookUrl: "https://evil.example/hook" }, cookie);
    expect(update.status).toBe(403);
    expect(update.error?.data.code).toBe("FORBIDDEN");
    expect(update.error?.message).toBe("This needs the admin role; you are member.");
    const after = await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(after.name).toBe(tenant.name);
    expect(after.webhookUrl).toBeNull();

    expect((await call("POST", "members.invite", { email: "x@members.test", role: "member" }, cookie)).status).toBe(403);
    expect((await call("POST", "experiments.create", { key: "k", name: "n", variants: [] }, cookie)).status).toBe(403);
    expect(await getDb().invitation.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("lets an admin invite members and admins but not owners, and returns a one-time link", async () => {
    const { tenant } = await createTestTenant("admin-inv", "owner");
    const admin = await addUser(tenant.id, "admin");
    const email = `new-${randomUUID().slice(0, 8)}@members.test`;
    const invited = await call("POST", "members.invite", { email: email.toUpperCase(), role: "member" }, admin.cookie);
    expect(invited.status).toBe(200);
    const link = (invited.data as { link: string }).link;
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
    const stored = await getDb().invitation.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(stored.email).toBe(email);
    // Only the hash is stored.
    expect(link).not.toContain(stored.tokenHash);

    const owner = await call("POST", "members.invite", { email: `o-${email}`, role: "owner" }, admin.cookie);
    expect(owner.status).toBe(403);
    expect(owner.error?.data.appCode).toBe("OWNER_REQUIRED");
  });

  it("changes roles within the rules and always keeps an owner", async () => {
    const { tenant, user: ownerUser } = await createTestTenant("roles", "owner");
    const ownerCookie = await sessionCookie(ownerUser.id);
    const admin = await addUser(tenant.id, "admin");
    const member = await addUser(tenant.id, "member");

    expect((await call("POST", "members.changeRole", { userId: member.user.id, role: "admin" }, admin.cookie)).status).toBe(200);
    const promoteOwner = await call("POST", "members.changeRole", { userId: member.user.id, role: "owner" }, admin.cookie);
    expect(promoteOwner.status).toBe(403);
    const demoteOwner = await call("POST", "members.changeRole", { userId: ownerUser.id, role: "member" }, admin.cookie);
    expect(demoteOwner.status).toBe(403);

    const lastOwner = await call("POST", "members.changeRole", { userId: ownerUser.id, role: "admin" }, ownerCookie);
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.error?.data.appCode).toBe("LAST_OWNER");

    const roles = await getDb().membership.findMany({ where: { tenantId: tenant.id }, orderBy: { createdAt: "asc" } });
    expect(roles.map((m) => m.role)).toEqual(["owner", "admin", "admin"]);
  });

  it("accepts an invitation for a signed-in user with the invited email only", async () => {
    const { tenant } = await createTestTenant("accept", "owner");
    const admin = await addUser(tenant.id, "admin");
    const { user: other } = await createTestTenant("elsewhere", "owner");
    const invited = await call("POST", "members.invite", { email: other.email, role: "member" }, admin.cookie);
    const token = (invited.data as { link: string }).link.split("/").at(-1) ?? "";

    const stranger = await createTestTenant("stranger", "owner");
    const wrong = await call("POST", "auth.acceptInvitation", { token }, await sessionCookie(stranger.user.id));
    expect(wrong.status).toBe(403);

    const ok = await call("POST", "auth.acceptInvitation", { token }, await sessionCookie(other.id));
    expect(ok.data).toMatchObject({ tenantId: tenant.id, role: "member" });
    const me = await call("GET", "auth.me", undefined, await sessionCookie(other.id));
    expect((me.data as { tenants: { id: string }[] }).tenants.map((t) => t.id)).toContain(tenant.id);
    expect((await call("POST", "auth.acceptInvitation", { token }, await sessionCookie(other.id))).status).toBe(404);
  });
});
