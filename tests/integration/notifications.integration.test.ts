import { describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db";
import { notifyUsageThresholds, watchDecisions } from "../../src/server/notifications/watch-decisions";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";

const WEBHOOK = "https://hooks.example.test/po";

async function queued(tenantId: string) {
  const rows = await getDb().outboxMessage.findMany({ where: { tenantId, topic: "webhook" }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => r.payload as { type: string; data: Record<string, unknown> });
}

/** Puts totals on an experiment's variants (shard 0) as tracking would have. */
async function setTotals(experimentId: string, totals: Record<string, { views: number; buyers: number; price: number }>) {
  const variants = await getDb().variant.findMany({ where: { experimentId } });
  for (const v of variants) {
    const t = totals[v.key];
    if (!t) continue;
    await getDb().variantMetric.upsert({
      where: { variantId_shard: { variantId: v.id, shard: 0 } },
      create: {
        variantId: v.id,
        shard: 0,
        views: t.views,
        conversions: t.buyers,
        convertingVisitors: t.buyers,
        revenue: (t.buyers * t.price).toFixed(2),
        revenueSumSquares: (t.buyers * t.price * t.price).toFixed(4),
      },
      update: {
        views: t.views,
        conversions: t.buyers,
        convertingVisitors: t.buyers,
        revenue: (t.buyers * t.price).toFixed(2),
        revenueSumSquares: (t.buyers * t.price * t.price).toFixed(4),
      },
    });
  }
}

describe("webhook notifications", () => {
  it("sends experiment.decision_ready once when the rule says ship, and experiment.srm_detected once when the split breaks", async () => {
    const { tenant } = await createTestTenant("notify");
    await getDb().tenant.update({ where: { id: tenant.id }, data: { webhookUrl: WEBHOOK } });
    const winner = await createPriceExperiment(tenant.id);
    // $29 converts as well as $19: revenue per visitor +53%, thousands of buyers.
    await setTotals(winner.id, {
      control: { views: 20_000, buyers: 1_000, price: 19 },
      mid: { views: 20_000, buyers: 800, price: 24 },
      high: { views: 20_000, buyers: 1_000, price: 29 },
    });
    const skewed = await createPriceExperiment(tenant.id);
    await setTotals(skewed.id, {
      control: { views: 5_000, buyers: 100, price: 19 },
      mid: { views: 9_000, buyers: 150, price: 24 },
      high: { views: 5_000, buyers: 80, price: 29 },
    });

    const first = await watchDecisions(getDb(), new Date(), { tenantIds: [tenant.id] });
    const again = await watchDecisions(getDb(), new Date(), { tenantIds: [tenant.id] });
    const mine = (await queued(tenant.id)).filter((m) => m.type !== "experiment.started");
    expect(mine.map((m) => [m.type, m.data.experimentId])).toEqual(
      expect.arrayContaining([
        ["experiment.decision_ready", winner.id],
        ["experiment.srm_detected", skewed.id],
      ]),
    );
    expect(mine).toHaveLength(2);
    expect(mine.find((m) => m.type === "experiment.decision_ready")?.data.variantKey).toBe("high");
    expect(first).toMatchObject({ checked: 2, decisionReady: 1, srmDetected: 1, failed: 0 });
    expect(again).toMatchObject({ checked: 2, decisionReady: 0, srmDetected: 0, failed: 0 });
  });

  it("sends usage.threshold_reached at 80% and at 100% of the month, once each", async () => {
    const { tenant } = await createTestTenant("notify-usage");
    await getDb().tenant.update({ where: { id: tenant.id }, data: { webhookUrl: WEBHOOK } });
    const now = new Date("2031-03-15T12:00:00Z");
    expect(await notifyUsageThresholds(getDb(), tenant.id, 700, 1000, now)).toBe(0);
    expect(await notifyUsageThresholds(getDb(), tenant.id, 850, 1000, now)).toBe(1);
    expect(await notifyUsageThresholds(getDb(), tenant.id, 900, 1000, now)).toBe(0);
    expect(await notifyUsageThresholds(getDb(), tenant.id, 1000, 1000, now)).toBe(1);
    expect(await notifyUsageThresholds(getDb(), tenant.id, 1000, 1000, now)).toBe(0);
    const messages = await queued(tenant.id);
    expect(messages.map((m) => [m.type, m.data.threshold])).toEqual([
      ["usage.threshold_reached", 80],
      ["usage.threshold_reached", 100],
    ]);
  });

  it("sends nothing to a tenant without a webhook URL", async () => {
    const { tenant } = await createTestTenant("notify-none");
    expect(await notifyUsageThresholds(getDb(), tenant.id, 1000, 1000)).toBe(0);
    expect(await getDb().notice.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
