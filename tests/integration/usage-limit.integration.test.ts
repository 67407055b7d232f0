import { describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { applyPlan } from "../../src/server/billing/apply-plan";
import { getDb } from "../../src/server/db";
import { trackConversion } from "../../src/server/events/track-conversion";
import { invalidateTenantPlan } from "../../src/server/usage/tenant-plan";
import { createPriceExperiment, deps, metricsByKey } from "../helpers/experiments";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";
import { callTrpc } from "../helpers/trpc-http";

if (!process.env.REDIS_URL) console.warn("[tests] usage limits run on the in-process Redis: REDIS_URL is not set");

async function tenantWithLimit(label: string, limit: number) {
  const { tenant, user } = await createTestTenant(label);
  await getDb().tenant.update({ where: { id: tenant.id }, data: { usageLimit: limit } });
  await invalidateTenantPlan(deps(), tenant.id);
  return { tenant, user };
}

const totalViews = (m: Awaited<ReturnType<typeof metricsByKey>>) => Object.values(m).reduce((a, v) => a + v.views, 0);

describe("monthly usage limit on assign", () => {
  it("lets exactly N new visitors in when 200 arrive at once around the limit, and the rest see the control", async () => {
    const { tenant, user } = await tenantWithLimit("usage-boundary", 130);
    const exp = await createPriceExperiment(tenant.id);
    for (let i = 0; i < 30; i++) await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `before-${i}` });

    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `burst-${i}` })),
    );
    const entered = answers.filter((a) => a.inExperiment);
    const refused = answers.filter((a) => !a.inExperiment);
    expect(entered).toHaveLength(100);
    expect(entered.every((a) => a.reason === "assigned")).toBe(true);
    expect(refused).toHaveLength(100);
    expect(refused.every((a) => a.reason === "usage_limit_exceeded" && a.variantKey === "control" && a.price === "19.00")).toBe(true);

    // Nobody refused was entered: exactly N assignments and N exposures.
    expect(await getDb().assignment.count({ where: { experimentId: exp.id } })).toBe(130);
    expect(totalViews(await metricsByKey(exp.id))).toBe(130);
    // The dashboard shows the number the limit check used.
    const usage = await callTrpc("settings.usage", undefined, { cookie: await sessionCookie(user.id) });
    expect(usage.data).toMatchObject({ currentUsage: 130, usageLimit: 130 });
  });

  it("keeps the price of visitors already assigned and keeps counting their conversions over the limit", async () => {
    const { tenant } = await tenantWithLimit("usage-returning", 2);
    const exp = await createPriceExperiment(tenant.id);
    const first = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "a" });
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "b" });
    const newcomer = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "c" });
    expect(newcomer).toMatchObject({ inExperiment: false, reason: "usage_limit_exceeded", variantKey: "control" });

    const again = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "a" });
    expect(again).toMatchObject({ inExperiment: true, variantKey: first.variantKey, price: first.price });
    const tracked = await trackConversion(deps(), tenant.id, { experimentKey: exp.key, visitorId: "a", type: "conversion", revenue: first.price });
    expect(tracked.counted).toBe(true);
    // A visitor kept out was never assigned: their purchase is not attributed to the experiment.
    await expect(
      trackConversion(deps(), tenant.id, { experimentKey: exp.key, visitorId: "c", type: "conversion", revenue: "19.00" }),
    ).rejects.toThrow();
    expect(await getDb().assignment.count({ where: { experimentId: exp.id } })).toBe(2);
  });

  it("applies an upgrade at once: the next new visitor enters", async () => {
    const { tenant } = await tenantWithLimit("usage-upgrade", 1);
    const exp = await createPriceExperiment(tenant.id);
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "one" });
    expect((await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "two" })).reason).toBe("usage_limit_exceeded");
    await applyPlan(deps(), env, tenant.id, "test", { plan: "starter" });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "two" })).toMatchObject({
      inExperiment: true,
      reason: "assigned",
    });
  });

  it("counts a visitor once: a returning visitor does not use up the month", async () => {
    const { tenant, user } = await tenantWithLimit("usage-once", 10);
    const exp = await createPriceExperiment(tenant.id);
    const other = await createPriceExperiment(tenant.id);
    for (let i = 0; i < 3; i++) await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "same" });
    await assignVariant(deps(), tenant.id, { experimentKey: other.key, visitorId: "same" });
    const usage = await callTrpc("settings.usage", undefined, { cookie: await sessionCookie(user.id) });
    expect(usage.data).toMatchObject({ currentUsage: 2 });
  });
});

describe("usage rollup (GET /api/cron/usage)", () => {
  it("writes the month's count to current_usage and each day's to one usage record, and repairs a lost or behind counter", async () => {
    const { rollupUsage } = await import("../../src/server/usage/rollup-usage");
    const { monthKey } = await import("../../src/server/usage/usage-counter");
    const { tenant, user } = await tenantWithLimit("usage-rollup", 100);
    const exp = await createPriceExperiment(tenant.id);
    for (const v of ["r1", "r2", "r3"]) await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: v });
    const now = new Date();
    expect(await rollupUsage(deps(), now, { tenantIds: [tenant.id] })).toMatchObject({ tenants: 1, skipped: 0 });
    expect((await getDb().tenant.findUniqueOrThrow({ where: { id: tenant.id } })).currentUsage).toBe(3);
    const records = await getDb().usageRecord.findMany({ where: { tenantId: tenant.id } });
    expect(records.map((r) => ({ type: r.usageType, count: r.count, day: r.day?.toISOString().slice(0, 10) }))).toEqual([
      { type: "tracked_visitors", count: 3, day: now.toISOString().slice(0, 10) },
    ]);
    // Rolling up again changes nothing.
    await rollupUsage(deps(), now, { tenantIds: [tenant.id] });
    expect(await getDb().usageRecord.count({ where: { tenantId: tenant.id } })).toBe(1);

    // Redis lost the counter: it is rebuilt from the assignments, so the limit still holds.
    await deps().redis.del(monthKey(tenant.id, now));
    const usage = await callTrpc("settings.usage", undefined, { cookie: await sessionCookie(user.id) });
    expect(usage.data).toMatchObject({ currentUsage: 3 });
    // Visitors admitted while Redis was down (counter behind the assignments) are counted by the rollup.
    await deps().redis.set(monthKey(tenant.id, now), 1);
    expect(await rollupUsage(deps(), now, { tenantIds: [tenant.id] })).toMatchObject({ reconciled: 1 });
    expect(Number(await deps().redis.get(monthKey(tenant.id, now)))).toBe(3);
  });
});
