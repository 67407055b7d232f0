import { describe, expect, it } from "vitest";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { getDb } from "../../src/server/db";
import { trackConversion } from "../../src/server/events/track-conversion";
import { loadCappedRevenue } from "../../src/server/results/capped-revenue";
import { computeResults } from "../../src/server/results/compute-results";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps } from "../helpers/experiments";

async function buy(tenantId: string, key: string, visitorId: string, amounts: string[]) {
  await assignVariant(deps(), tenantId, { experimentKey: key, visitorId });
  for (const revenue of amounts) await trackConversion(deps(), tenantId, { experimentKey: key, visitorId, type: "conversion", revenue });
}

describe("revenue capping", () => {
  it("caps each visitor's total at a fixed amount in the statistics and says so, leaving the raw totals untouched", async () => {
    const { tenant } = await createTestTenant("cap-fixed");
    const exp = await createPriceExperiment(tenant.id, { extra: { revenueCap: { type: "fixed", amount: 50 } } });
    await buy(tenant.id, exp.key, "whale", ["40.00", "4000.00"]);
    await buy(tenant.id, exp.key, "small", ["19.00"]);
    const res = await computeResults({ db: getDb() }, tenant.id, exp.id);
    expect(res.experiment.revenueCap).toEqual({ type: "fixed", amount: 50, percentile: null, appliedAmount: "50.00" });
    // The table keeps the money that was really taken.
    expect(res.variants.reduce((s, v) => s + Number(v.revenue), 0)).toBe(4059);
    // The statistics see the whale's 4,040 as 50.
    const capped = await loadCappedRevenue(getDb(), exp.id, { type: "fixed", amount: 50 });
    const whale = await getDb().assignment.findFirstOrThrow({ where: { experimentId: exp.id, visitorId: "whale" } });
    const small = await getDb().assignment.findFirstOrThrow({ where: { experimentId: exp.id, visitorId: "small" } });
    const expected = new Map<string, { revenue: number; revenueSumSquares: number }>();
    for (const [variantId, amount] of [
      [whale.variantId, 50],
      [small.variantId, 19],
    ] as const) {
      const e = expected.get(variantId) ?? { revenue: 0, revenueSumSquares: 0 };
      expected.set(variantId, { revenue: e.revenue + amount, revenueSumSquares: e.revenueSumSquares + amount * amount });
    }
    expect(capped.byVariant).toEqual(expected);
  });

  it("computes a percentile cap over all buyers of the experiment", async () => {
    const { tenant } = await createTestTenant("cap-pct");
    const exp = await createPriceExperiment(tenant.id, { extra: { revenueCap: { type: "percentile", percentile: 0.5 } } });
    for (const [i, amount] of ["10.00", "20.00", "30.00", "40.00", "1000.00"].entries()) await buy(tenant.id, exp.key, `b${i}`, [amount]);
    const res = await computeResults({ db: getDb() }, tenant.id, exp.id);
    // Median of 10, 20, 30, 40, 1000.
    expect(res.experiment.revenueCap?.appliedAmount).toBe("30.00");
  });

  it("refuses a cap on a started experiment: changing how it decides after seeing data would void its error control", async () => {
    const { tenant } = await createTestTenant("cap-locked");
    const exp = await createPriceExperiment(tenant.id);
    const { updateExperiment } = await import("../../src/server/experiments/update-experiment");
    await expect(updateExperiment(deps(), tenant.id, "test", { id: exp.id, revenueCap: { type: "fixed", amount: 10 } })).rejects.toThrow(
      /revenueCap/,
    );
    await expect(updateExperiment(deps(), tenant.id, "test", { id: exp.id, decisionMode: "fixed" })).rejects.toThrow(/decisionMode/);
    await expect(updateExperiment(deps(), tenant.id, "test", { id: exp.id, mde: 0.1 })).rejects.toThrow(/mde/);
  });
});
