import { describe, expect, it } from "vitest";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { getDb } from "../../src/server/db";
import { trackConversion } from "../../src/server/events/track-conversion";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps, metricsByKey } from "../helpers/experiments";

const conversion = (experimentKey: string, visitorId: string, revenue: string, idempotencyKey?: string) => ({
  experimentKey,
  visitorId,
  type: "conversion" as const,
  revenue,
  idempotencyKey,
});

describe("track", () => {
  it("keeps exact per-variant totals: visitors, converting visitors, conversions, revenue and sum of squares", async () => {
    const { tenant } = await createTestTenant("totals");
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1, 1] });
    const a = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "alice" });
    // Two purchases by one visitor: per-visitor revenue 10 + 15 = 25, squared 625.
    await trackConversion(deps(), tenant.id, conversion(exp.key, "alice", "10.00"));
    const second = await trackConversion(deps(), tenant.id, conversion(exp.key, "alice", "15.00"));
    expect(second).toEqual({ accepted: true, counted: true, duplicate: false, variantKey: a.variantKey, reason: "counted" });
    const m = (await metricsByKey(exp.id))[a.variantKey];
    expect(m).toEqual({ views: 1, conversions: 2, convertingVisitors: 1, revenue: "25.00", revenueSumSquares: "625.0000" });
  });

  it("acknowledges a repeated idempotency key without counting it twice", async () => {
    const { tenant } = await createTestTenant("idem");
    const exp = await createPriceExperiment(tenant.id);
    const a = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "bob" });
    const first = await trackConversion(deps(), tenant.id, conversion(exp.key, "bob", "24.00", "order-1"));
    const replay = await trackConversion(deps(), tenant.id, conversion(exp.key, "bob", "24.00", "order-1"));
    expect(first.counted).toBe(true);
    expect(replay).toMatchObject({ accepted: true, counted: false, duplicate: true, reason: "duplicate" });
    expect((await metricsByKey(exp.id))[a.variantKey]).toMatchObject({ conversions: 1, revenue: "24.00" });
  });

  it("counts one order id tracked to two experiments the visitor is in, once in each", async () => {
    const { tenant } = await createTestTenant("idem-two-exps");
    const plan = await createPriceExperiment(tenant.id);
    const addon = await createPriceExperiment(tenant.id);
    const a = await assignVariant(deps(), tenant.id, { experimentKey: plan.key, visitorId: "dana" });
    const b = await assignVariant(deps(), tenant.id, { experimentKey: addon.key, visitorId: "dana" });
    const first = await trackConversion(deps(), tenant.id, conversion(plan.key, "dana", "19.00", "order-77"));
    const second = await trackConversion(deps(), tenant.id, conversion(addon.key, "dana", "5.00", "order-77"));
    expect([first.counted, second.counted]).toEqual([true, true]);
    expect((await metricsByKey(plan.id))[a.variantKey]).toMatchObject({ conversions: 1, revenue: "19.00" });
    expect((await metricsByKey(addon.id))[b.variantKey]).toMatchObject({ conversions: 1, revenue: "5.00" });
    // Each is still deduplicated on its own.
    expect((await trackConversion(deps(), tenant.id, conversion(addon.key, "dana", "5.00", "order-77"))).duplicate).toBe(true);
  });

  it("does not let an order id recorded for another visitor swallow the real buyer's conversion", async () => {
    const { tenant } = await createTestTenant("idem-burn");
    const exp = await createPriceExperiment(tenant.id);
    // Anyone holding the publishable key can be assigned and track under a visitor id of their own.
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "mallory" });
    const real = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "carol" });
    await trackConversion(deps(), tenant.id, conversion(exp.key, "mallory", "0.01", "order-1002"));
    const buy = await trackConversion(deps(), tenant.id, conversion(exp.key, "carol", "29.00", "order-1002"));
    expect(buy).toMatchObject({ accepted: true, counted: true, duplicate: false, reason: "counted" });
    const assignment = await getDb().assignment.findFirstOrThrow({ where: { experimentId: exp.id, visitorId: "carol" } });
    expect([assignment.conversions, assignment.revenue.toFixed(2)]).toEqual([1, "29.00"]);
    // Carol's own resend is still a duplicate.
    const resend = await trackConversion(deps(), tenant.id, conversion(exp.key, "carol", "29.00", "order-1002"));
    expect(resend).toMatchObject({ counted: false, duplicate: true });
    expect((await getDb().assignment.findFirstOrThrow({ where: { id: assignment.id } })).conversions).toBe(1);
    expect(real.variantKey).toBeTruthy();
  });

  it("still deduplicates a resend of a key recorded before keys were scoped to a visitor", async () => {
    const { tenant } = await createTestTenant("idem-legacy");
    const exp = await createPriceExperiment(tenant.id);
    const a = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "erin" });
    await getDb().processedEvent.create({ data: { tenantId: tenant.id, experimentId: exp.id, idempotencyKey: "order-old" } });
    const resend = await trackConversion(deps(), tenant.id, conversion(exp.key, "erin", "24.00", "order-old"));
    expect(resend).toMatchObject({ counted: false, duplicate: true });
    expect((await metricsByKey(exp.id))[a.variantKey]?.conversions ?? 0).toBe(0);
  });

  it("answers PRECONDITION_FAILED for a visitor never assigned, and writes nothing", async () => {
    const { tenant } = await createTestTenant("unassigned");
    const exp = await createPriceExperiment(tenant.id);
    const before = await metricsByKey(exp.id);
    await expect(trackConversion(deps(), tenant.id, conversion(exp.key, "stranger", "9.00", "k-1"))).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: `visitorId: "stranger" was never assigned to "${exp.key}"; call assign before tracking a conversion.`,
    });
    expect(await metricsByKey(exp.id)).toEqual(before);
    expect(await getDb().processedEvent.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("counts 1,000 parallel conversions on one variant exactly", async () => {
    const { tenant } = await createTestTenant("parallel");
    // Everyone lands on "mid": the other weights are negligible but positive.
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1_000_000, 1] });
    const visitors = Array.from({ length: 100 }, (_, i) => `p-${i}`);
    const assigned = await Promise.all(visitors.map((visitorId) => assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId })));
    const onMid = visitors.filter((_, i) => assigned[i]?.variantKey === "mid");
    expect(onMid.length).toBeGreaterThan(95);
    // 1,000 conversions of 1.50 each, spread over the visitors, all at once.
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => trackConversion(deps(), tenant.id, conversion(exp.key, onMid[i % onMid.length]!, "1.50", `evt-${i}`))),
    );
    expect(results.every((r) => r.counted)).toBe(true);
    const m = (await metricsByKey(exp.id)).mid;
    expect(m?.conversions).toBe(1000);
    expect(m?.revenue).toBe("1500.00");
    expect(m?.convertingVisitors).toBe(onMid.length);
    // Sum of squares of per-visitor revenue, computed independently from the assignments.
    const rows = await getDb().assignment.findMany({ where: { experimentId: exp.id, variant: { key: "mid" } } });
    const sumSquares = rows.reduce((acc, r) => acc + Number(r.revenue) ** 2, 0);
    expect(Number(m?.revenueSumSquares)).toBeCloseTo(sumSquares, 4);
  });

  it("acknowledges but does not count conversions once the experiment is completed", async () => {
    const { tenant } = await createTestTenant("after-complete");
    const exp = await createPriceExperiment(tenant.id);
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "late" });
    const { transitionExperiment } = await import("../../src/server/experiments/transition-experiment");
    await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "complete", winningVariantKey: "control" });
    const r = await trackConversion(deps(), tenant.id, conversion(exp.key, "late", "19.00"));
    expect(r).toMatchObject({ accepted: true, counted: false, reason: "experiment_not_active" });
    expect(Object.values(await metricsByKey(exp.id)).reduce((a, m) => a + m.conversions, 0)).toBe(0);
  });
});
