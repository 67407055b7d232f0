import { describe, expect, it } from "vitest";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { resetRedisBreaker } from "../../src/server/cache/fail-open";
import { bucketVisitor } from "../../src/server/assignment/bucketing";
import { getDb } from "../../src/server/db";
import { freePort } from "../../src/server/db/embedded-postgres";
import { transitionExperiment } from "../../src/server/experiments/transition-experiment";
import { updateExperiment } from "../../src/server/experiments/update-experiment";
import { trackConversion } from "../../src/server/events/track-conversion";
import { counterValue } from "../../src/server/lib/logger";
import { connectRedisUrl } from "../../src/server/redis";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps, metricsByKey } from "../helpers/experiments";

describe("assign", () => {
  it("buckets by GrowthBook's v2 hash onto the weights and answers the variant's price", async () => {
    const { tenant } = await createTestTenant("assign");
    const exp = await createPriceExperiment(tenant.id, { weights: [50, 30, 20] });
    for (let i = 0; i < 20; i++) {
      const visitorId = `v-${i}`;
      const r = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId });
      const expected = exp.variants[bucketVisitor(exp.key, visitorId, [50, 30, 20])];
      expect(r).toMatchObject({ variantKey: expected?.key, price: expected?.price, currency: "USD", inExperiment: true, reason: "assigned" });
    }
  });

  it("is sticky: a returning visitor keeps their variant after the weights change", async () => {
    const { tenant } = await createTestTenant("sticky");
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1, 1] });
    const first = await Promise.all(
      Array.from({ length: 30 }, (_, i) => assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `s-${i}` })),
    );
    // All new traffic to "high" from now on.
    await updateExperiment(deps(), tenant.id, "test", { id: exp.id, weights: { control: 1, mid: 1, high: 1_000_000 } });
    const again = await Promise.all(
      Array.from({ length: 30 }, (_, i) => assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `s-${i}` })),
    );
    expect(again.map((r) => r.variantKey)).toEqual(first.map((r) => r.variantKey));
    expect(again.every((r) => r.reason === "returning")).toBe(true);
    const fresh = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "brand-new" });
    expect(fresh.variantKey).toBe("high");
  });

  it("caches the configuration 60 s and the assignment 300 s in Redis, as the seed asks", async () => {
    const { tenant } = await createTestTenant("ttl");
    const exp = await createPriceExperiment(tenant.id);
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "ttl-visitor" });
    const redis = deps().redis;
    const configTtl = await redis.ttl(`po:exp:${tenant.id}:${exp.key}`);
    const assignmentTtl = await redis.ttl(`po:asg:${exp.id}:ttl-visitor`);
    expect(configTtl).toBeGreaterThan(50);
    expect(configTtl).toBeLessThanOrEqual(60);
    expect(assignmentTtl).toBeGreaterThan(290);
    expect(assignmentTtl).toBeLessThanOrEqual(300);
  });

  it("counts an exposure once per visitor, even for 50 concurrent first calls", async () => {
    const { tenant } = await createTestTenant("exposure");
    const exp = await createPriceExperiment(tenant.id);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "same-visitor" })),
    );
    expect(new Set(results.map((r) => r.variantKey)).size).toBe(1);
    for (let i = 0; i < 5; i++) await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `other-${i}` });
    const m = await metricsByKey(exp.id);
    expect(Object.values(m).reduce((a, x) => a + x.views, 0)).toBe(6);
    expect(await getDb().assignment.count({ where: { experimentId: exp.id } })).toBe(6);
  });

  it("answers the control price outside the experiment for draft, paused, archived and ended experiments", async () => {
    const { tenant } = await createTestTenant("states");
    const draft = await createPriceExperiment(tenant.id, { draft: true });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: draft.key, visitorId: "x" })).toMatchObject({
      variantKey: "control",
      price: "19.00",
      inExperiment: false,
      reason: "not_started",
    });
    const running = await createPriceExperiment(tenant.id);
    await transitionExperiment(deps(), tenant.id, "test", { id: running.id, action: "pause" });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: running.key, visitorId: "x" })).toMatchObject({
      inExperiment: false,
      reason: "paused",
      price: "19.00",
    });
    await transitionExperiment(deps(), tenant.id, "test", { id: running.id, action: "archive" });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: running.key, visitorId: "x" })).toMatchObject({
      inExperiment: false,
      reason: "archived",
    });
    const ended = await createPriceExperiment(tenant.id);
    const later = new Date(Date.now() + 3_600_000);
    await updateExperiment(deps(), tenant.id, "test", { id: ended.id, endDate: new Date(Date.now() + 60_000) });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: ended.key, visitorId: "x" }, later)).toMatchObject({
      inExperiment: false,
      reason: "ended",
    });
    expect(await getDb().assignment.count({ where: { experimentId: { in: [draft.id, running.id, ended.id] } } })).toBe(0);
  });

  it("ships the winner to everyone once completed, but a visitor who bought keeps their price", async () => {
    const { tenant } = await createTestTenant("winner");
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1, 1] });
    let buyer: { visitorId: string; variantKey: string } | undefined;
    for (let i = 0; !buyer; i++) {
      const r = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: `b-${i}` });
      if (r.variantKey !== "high") buyer = { visitorId: `b-${i}`, variantKey: r.variantKey };
    }
    await trackConversion(deps(), tenant.id, { experimentKey: exp.key, visitorId: buyer.visitorId, type: "conversion", revenue: "19.00" });
    await transitionExperiment(deps(), tenant.id, "test", { id: exp.id, action: "complete", winningVariantKey: "high" });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "newcomer" })).toMatchObject({
      variantKey: "high",
      price: "29.00",
      inExperiment: false,
      reason: "completed_winner",
    });
    expect(await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: buyer.visitorId })).toMatchObject({
      variantKey: buyer.variantKey,
      inExperiment: false,
      reason: "converted_price_kept",
    });
  });

  it("answers NOT_FOUND for a key that is only another tenant's", async () => {
    const a = await createTestTenant("owner-a");
    const b = await createTestTenant("other-b");
    const exp = await createPriceExperiment(a.tenant.id);
    await expect(assignVariant(deps(), b.tenant.id, { experimentKey: exp.key, visitorId: "v" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: `experimentKey: no experiment "${exp.key}".`,
    });
  });

  it("keeps answering from the database when Redis is unreachable, and counts the failures", async () => {
    const { tenant } = await createTestTenant("redis-down");
    const exp = await createPriceExperiment(tenant.id);
    const deadRedis = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);
    const failuresBefore = counterValue("redis_failures");
    const skippedBefore = counterValue("redis_skipped");
    const brokenDeps = { db: getDb(), redis: deadRedis };
    // The breaker is process-wide: close it even when an assertion fails, or later tests skip Redis.
    try {
      const first = await assignVariant(brokenDeps, tenant.id, { experimentKey: `${exp.key}`, visitorId: "resilient" });
      const second = await assignVariant(brokenDeps, tenant.id, { experimentKey: exp.key, visitorId: "resilient" });
      expect(first.inExperiment).toBe(true);
      expect(second.variantKey).toBe(first.variantKey);
      expect(second.reason).toBe("returning");
      expect(counterValue("redis_failures")).toBeGreaterThan(failuresBefore);
      // The breaker skips Redis after the first failure instead of waiting on it each time.
      expect(counterValue("redis_skipped")).toBeGreaterThan(skippedBefore);
    } finally {
      resetRedisBreaker();
    }
  });
});
