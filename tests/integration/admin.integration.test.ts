import { execFileSync } from "node:child_process";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { adminCreateTenant, adminRevokeApiKey, adminSetPlan } from "../../src/server/admin/admin-commands";
import { verifyApiKey } from "../../src/server/api-keys/verify-api-key";
import { getDb } from "../../src/server/db";

const unique = () => Math.random().toString(36).slice(2, 10);

describe("admin commands", () => {
  it("tenant:create makes a tenant, its owner and a working secret key", async () => {
    const s = unique();
    const created = await adminCreateTenant(getDb(), env, { name: `Acme ${s}`, email: `owner-${s}@acme.test`, plan: "starter" });
    expect(created.secretKey).toMatch(/^po_sk_[A-Za-z0-9]{32}$/);
    const tenant = await getDb().tenant.findUniqueOrThrow({ where: { id: created.tenantId }, include: { memberships: true } });
    expect(tenant).toMatchObject({ plan: "starter", usageLimit: env.STARTER_TIER_LIMIT });
    expect(tenant.memberships).toMatchObject([{ userId: created.userId, role: "owner" }]);
    expect(await verifyApiKey(getDb(), created.secretKey)).toMatchObject({ tenantId: created.tenantId, kind: "secret" });
    const stored = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: created.tenantId } });
    expect(stored.hashedKey).not.toContain(created.secretKey.slice(6));
  });

  it("plan:set changes the plan and its usage limit; apikey:revoke stops the key", async () => {
    const s = unique();
    const created = await adminCreateTenant(getDb(), env, { name: `Beta ${s}`, email: `owner-${s}@beta.test`, plan: "free" });
    expect(await adminSetPlan(getDb(), env, created.tenantId, "pro")).toEqual({
      tenantId: created.tenantId,
      plan: "pro",
      usageLimit: env.PRO_TIER_LIMIT,
    });
    const key = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: created.tenantId } });
    await adminRevokeApiKey(getDb(), key.id);
    expect(await verifyApiKey(getDb(), created.secretKey)).toBeNull();
  });

  it("the command line refuses a bad plan with a clear message and exit code 1", () => {
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", "plan:set", "--tenant", "x", "--plan", "gold"], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
        stdio: ["ignore", "pipe", "pipe"],
        encoding: "utf8",
      });
    } catch (error) {
      failure = error as { status: number; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain("--plan must be one of free, starter, pro");
  });
});
