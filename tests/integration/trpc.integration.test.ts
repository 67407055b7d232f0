import { describe, expect, it } from "vitest";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { callTrpc } from "../helpers/trpc-http";

const whoami = (headers: Record<string, string> = {}) => callTrpc("system.whoami", undefined, headers);

describe("tRPC at /api/trpc", () => {
  it("answers a secret API key with its tenant and a request id", async () => {
    const { tenant } = await createTestTenant("whoami-key");
    const key = await createTestApiKey(tenant.id, "secret");
    const res = await whoami({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.data).toMatchObject({ tenantId: tenant.id, tenantName: tenant.name, plan: "free", role: "admin" });
  });

  it("keeps a caller's own request id", async () => {
    const res = await whoami({ "x-request-id": "req-abc-12345" });
    expect(res.headers.get("x-request-id")).toBe("req-abc-12345");
  });

  it("answers a signed-in member with their tenant and role", async () => {
    const { tenant, user } = await createTestTenant("whoami-user", "member");
    const { data } = await whoami({ cookie: await sessionCookie(user.id) });
    expect(data).toMatchObject({ tenantId: tenant.id, role: "member", actor: `user:${user.id}` });
  });

  it("refuses a publishable key on a secret-key procedure with FORBIDDEN", async () => {
    const { tenant } = await createTestTenant("whoami-pk");
    const key = await createTestApiKey(tenant.id, "publishable");
    const res = await whoami({ authorization: `Bearer ${key}` });
    expect(res.status).toBe(403);
    expect(res.error?.message).toMatch(/publishable key may only assign and track/);
  });

  it("refuses an unknown key and an anonymous caller with UNAUTHORIZED", async () => {
    const bogus = await whoami({ authorization: `Bearer po_sk_${"x".repeat(32)}` });
    expect(bogus.status).toBe(401);
    expect(bogus.error?.data.requestId).toBe(bogus.headers.get("x-request-id"));
    const anon = await whoami();
    expect(anon.status).toBe(401);
  });
});

describe("API keys in use", () => {
  async function assignWith(key: string, experimentKey: string, origin?: string) {
    const res = await callTrpc(
      "assignment.assign",
      { experimentKey, visitorId: "browser-visitor" },
      { authorization: `Bearer ${key}`, ...(origin ? { origin } : {}) },
    );
    return { status: res.status, allowOrigin: res.headers.get("access-control-allow-origin") };
  }

  it("lets a publishable key in from a configured origin only, and records when a key was last used", async () => {
    const { createPriceExperiment } = await import("../helpers/experiments");
    const { getDb } = await import("../../src/server/db");
    const { tenant } = await createTestTenant("origins");
    await getDb().tenant.update({ where: { id: tenant.id }, data: { allowedOrigins: ["https://shop.example"] } });
    const exp = await createPriceExperiment(tenant.id);
    const key = await createTestApiKey(tenant.id, "publishable");
    expect(await assignWith(key, exp.key, "https://shop.example")).toEqual({ status: 200, allowOrigin: "https://shop.example" });
    expect((await assignWith(key, exp.key, "https://elsewhere.example")).status).toBe(403);
    // Servers send no Origin header.
    expect((await assignWith(key, exp.key)).status).toBe(200);
    // Outside a Next request scope the last_used_at write is awaited before the call returns.
    const row = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(Date.now() - (row.lastUsedAt?.getTime() ?? 0)).toBeLessThan(60_000);
  });
});
