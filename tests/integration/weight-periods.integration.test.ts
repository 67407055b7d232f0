import { describe, expect, it } from "vitest";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { computeResults } from "../../src/server/results/compute-results";
import { updateExperiment } from "../../src/server/experiments/update-experiment";
import { srmPValue } from "../../src/server/stats";
import { getDb } from "../../src/server/db";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps } from "../helpers/experiments";

async function visitors(tenantId: string, key: string, from: number, count: number) {
  for (let i = from; i < from + count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, from + count - i) }, (_, j) =>
        assignVariant(deps(), tenantId, { experimentKey: key, visitorId: `wp-${i + j}` }),
      ),
    );
  }
}

describe("weight periods", () => {
  it("a manual weight change on a running test opens a period, and the split check expects visitors from each period's weights", async () => {
    const { tenant } = await createTestTenant("periods");
    // More visitors than a free plan's month: a pro tenant, so the usage limit stays out of this test.
    await getDb().tenant.update({ where: { id: tenant.id }, data: { plan: "pro", usageLimit: 100_000 } });
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1, 1] });
    await visitors(tenant.id, exp.key, 0, 600);
    await updateExperiment(deps(), tenant.id, "test", { id: exp.id, weights: { control: 1, mid: 1, high: 8 } });
    await visitors(tenant.id, exp.key, 600, 600);

    const res = await computeResults({ db: getDb() }, tenant.id, exp.id);
    expect(res.srm.periods.map((p) => ({ source: p.source, visitors: p.visitors, weights: p.weights }))).toEqual([
      { source: "start", visitors: 600, weights: { control: 1, mid: 1, high: 1 } },
      { source: "manual", visitors: 600, weights: { control: 1, mid: 1, high: 8 } },
    ]);
    expect(res.srm.expected).toEqual({ control: 200 + 60, mid: 200 + 60, high: 200 + 480 });
    expect(res.srm.flagged).toBe(false);
    expect(res.decision.action).not.toBe("investigate");
    // Today's weights against all visitors, the old check, would have cried wolf.
    const visitorsPerArm = res.variants.map((v) => v.visitors);
    expect(srmPValue(visitorsPerArm, [1, 1, 8])).toBeLessThan(1e-10);
    expect(await getDb().weightPeriod.count({ where: { experimentId: exp.id } })).toBe(2);
  });

  it("still flags a real skew inside one period", async () => {
    const { tenant } = await createTestTenant("periods-skew");
    // More visitors than a free plan's month: a pro tenant, so the usage limit stays out of this test.
    await getDb().tenant.update({ where: { id: tenant.id }, data: { plan: "pro", usageLimit: 100_000 } });
    const exp = await createPriceExperiment(tenant.id, { weights: [1, 1, 1] });
    await visitors(tenant.id, exp.key, 0, 300);
    // Assignment broken: the period says 1:1:1 but 400 more visitors all land on "high".
    const high = await getDb().variant.findFirstOrThrow({ where: { experimentId: exp.id, key: "high" } });
    await getDb().variantMetric.updateMany({ where: { variantId: high.id, shard: 0 }, data: { views: { increment: 400 } } });
    const res = await computeResults({ db: getDb() }, tenant.id, exp.id);
    expect(res.srm.flagged).toBe(true);
    expect(res.decision.action).toBe("investigate");
  });
});
