import { describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { decodeKey32 } from "../../src/env/schema";
import { decryptSecret } from "../../src/server/crypto/secret-box";
import { getDb } from "../../src/server/db";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { callTrpc } from "../helpers/trpc-http";

const call = callTrpc;

const PAID_KEY = "paid_live_9f8e7d6c5b4a3210zyxw";

describe("tenant settings", () => {
  it("stores the BYOK Paid.ai key encrypted and only ever returns it masked", async () => {
    const { tenant, user } = await createTestTenant("byok", "owner");
    const cookie = { cookie: await sessionCookie(user.id) };
    const saved = await call("settings.update", { mode: "byok", paidApiKey: PAID_KEY }, cookie);
    expect(saved.status).toBe(200);
    expect(saved.raw).not.toContain(PAID_KEY);
    expect(saved.data).toMatchObject({ mode: "byok", paidApiKeyMasked: "••••••••zyxw" });

    const row = await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    expect(row.mode).toBe("byok");
    expect(row.paidApiKeyEncrypted).toMatch(/^v1:[A-Za-z0-9_-]+$/);
    expect(row.paidApiKeyEncrypted).not.toContain(PAID_KEY);
    const key = decodeKey32(env.API_KEY_ENCRYPTION_KEY);
    expect(key && decryptSecret(key, row.paidApiKeyEncrypted ?? "")).toBe(PAID_KEY);

    const read = await call("settings.get", undefined, cookie);
    expect(read.raw).not.toContain(PAID_KEY);
    expect(read.data).toMatchObject({ paidApiKeyMasked: "••••••••zyxw" });
    const audit = await getDb().auditLog.findMany({ where: { tenantId: tenant.id, action: "tenant.settings_updated" } });
    expect(JSON.stringify(audit)).not.toContain(PAID_KEY);
  });

  it("refuses bring-your-own-key mode without a key, naming the field", async () => {
    const { tenant, user } = await createTestTenant("byok-nokey", "owner");
    const res = await call("settings.update", { mode: "byok" }, { cookie: await sessionCookie(user.id) });
    expect(res.status).toBe(400);
    expect(res.error?.data.appCode).toBe("PAID_KEY_REQUIRED");
    expect(res.error?.message).toMatch(/^paidApiKey: /);
    expect((await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).mode).toBe("managed");
  });

  it("validates origins and the webhook URL field by field and writes nothing on error", async () => {
    const { tenant, user } = await createTestTenant("origins", "admin");
    const cookie = { cookie: await sessionCookie(user.id) };
    const bad = await call(
      "settings.update",
      { name: "Renamed", allowedOrigins: ["https://ok.example", "https://bad.example/path"], webhookUrl: "ftp://x" },
      cookie,
    );
    expect(bad.status).toBe(400);
    expect(bad.error?.message).toContain("allowedOrigins.1: must be an origin");
    expect(bad.error?.data.zodError?.fieldErrors.webhookUrl?.[0]).toBe("must be an http(s) URL");
    expect((await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).name).toBe(tenant.name);

    const ok = await call(
      "settings.update",
      { name: "Renamed", allowedOrigins: ["https://shop.example", "https://shop.example"], webhookUrl: "https://hooks.example/po" },
      cookie,
    );
    expect(ok.data).toMatchObject({ name: "Renamed", allowedOrigins: ["https://shop.example"], webhookUrl: "https://hooks.example/po" });
    const cleared = await call("settings.update", { webhookUrl: "" }, cookie);
    expect(cleared.data).toMatchObject({ webhookUrl: null });
  });

  it("is not reachable with an API key, even a secret one", async () => {
    const { tenant } = await createTestTenant("settings-key", "owner");
    const key = await createTestApiKey(tenant.id, "secret");
    const res = await call("settings.update", { name: "by key" }, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(403);
  });

  it("reports this month's tracked visitors against the plan limit and whether billing is configured", async () => {
    const { tenant, user } = await createTestTenant("usage", "member");
    const exp = await createPriceExperiment(tenant.id);
    const lastMonth = new Date(Date.now() - 40 * 86_400_000);
    // u3 is counted when it happens, in last month's counter (usage is counted as visitors arrive).
    for (const visitorId of ["u1", "u2", "u3", "u1"]) {
      await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId }, visitorId === "u3" ? lastMonth : undefined);
    }
    // A visitor first assigned last month does not count this month.
    await getDb().assignment.updateMany({
      where: { experimentId: exp.id, visitorId: "u3" },
      data: { createdAt: new Date(Date.now() - 40 * 86_400_000) },
    });
    const res = await call("settings.usage", undefined, { cookie: await sessionCookie(user.id) });
    expect(res.data).toEqual({ plan: "free", currentUsage: 2, usageLimit: 1000, billingConfigured: Boolean(env.STRIPE_SECRET_KEY) });
  });
});
