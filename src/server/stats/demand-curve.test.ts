import { describe, expect, it } from "vitest";
import { fitDemandCurve } from "./demand-curve";
import type { DemandArm, DemandCurveResult } from "./demand-curve";
import { createRng } from "./rng";
import { allNumbersFinite, expectClose } from "./test-helpers";

function fitted(r: DemandCurveResult) {
  if (!r.fitted) throw new Error(`expected a fitted curve: ${r.reason}`);
  return r;
}

describe("fitDemandCurve", () => {
  it("explains why fewer than 3 price points give no curve", () => {
    const r = fitDemandCurve([
      { price: 10, visitors: 1000, conversions: 50 },
      { price: 10, visitors: 900, conversions: 44 },
      { price: 14, visitors: 1000, conversions: 40 },
    ]);
    expect(r).toEqual(expect.objectContaining({ fitted: false, pricePoints: 2 }));
    if (!r.fitted) expect(r.reason).toMatch(/at least 3 different prices/);
  });

  it("matches an independent maximum-likelihood fit and flags an optimum below the range", () => {
    const arms: DemandArm[] = [
      { price: 9, visitors: 1500, conversions: 212 },
      { price: 12, visitors: 1480, conversions: 160 },
      { price: 15, visitors: 1530, conversions: 131 },
      { price: 19, visitors: 1510, conversions: 98 },
      { price: 24, visitors: 1495, conversions: 70 },
    ];
    const r = fitted(fitDemandCurve(arms));
    // scipy.optimize on the same log-likelihood; deviance p-value from chi2.sf(D, 3).
    expectClose(r.intercept, 0.8570205012214394, 1e-6);
    expectClose(r.slope, -1.2017055828883865, 1e-6);
    expectClose(r.goodnessOfFit.deviance, 0.42539059641087107, 1e-5);
    expectClose(r.goodnessOfFit.pValue, 0.9349488629611926, 1e-5);
    expect(r.goodnessOfFit).toEqual(expect.objectContaining({ dof: 3, fitsWell: true }));
    // Slope −1.2 means revenue peaks where conversion is 1 + 1/b ≈ 17%, i.e.
    // below $9: the best tested price is the cheapest one.
    expect(r.revenue.price).toBeCloseTo(9, 6);
    expect(r.revenue).toEqual(expect.objectContaining({ atEdge: true, edge: "min" }));
    expect(r.revenue.message).toMatch(/test lower prices/);
    expect(r.revenue.revenuePerVisitor).toBeCloseTo(9 * r.revenue.conversionRate, 12);
  });

  it("puts the profit optimum above the revenue optimum when sales cost money", () => {
    const arms = [10, 20, 30, 40, 50].map((price) => ({ price, visitors: 3000, conversions: 0 }));
    const truth = trueCurve();
    arms.forEach((a) => (a.conversions = Math.round(a.visitors * truth(a.price))));
    const r = fitted(fitDemandCurve(arms, { unitCost: 8 }));
    expect(Math.abs(r.revenue.price - TRUE_OPTIMUM)).toBeLessThan(1);
    expect(r.profit?.price).toBeGreaterThan(r.revenue.price + 3);
    expect(r.profit?.profitPerVisitor).toBeCloseTo(((r.profit?.price ?? 0) - 8) * (r.profit?.conversionRate ?? 0), 12);
    expect(r.revenue.profitPerVisitor).toBeNull();
  });

  it("never throws or returns NaN on hostile input", () => {
    const junk: DemandArm[][] = [
      [],
      [10, 20, 30].map((price) => ({ price, visitors: 500, conversions: 0 })),
      [10, 20, 30].map((price) => ({ price, visitors: 500, conversions: 500 })),
      [
        { price: 10, visitors: 100, conversions: 100 },
        { price: 20, visitors: 100, conversions: 0 },
        { price: 30, visitors: 100, conversions: 0 },
      ],
      [
        { price: Number.NaN, visitors: 100, conversions: 3 },
        { price: -5, visitors: 100, conversions: 3 },
        { price: 7, visitors: 0, conversions: 0 },
      ],
    ];
    const good = [10, 20, 30].map((price, i) => ({ price, visitors: 800, conversions: 120 - 40 * i }));
    const r = fitDemandCurve(good, { level: 7, draws: Number.NaN, seed: Number.NaN, unitCost: -1 });
    expect(r.fitted && r.profit === null && r.revenue.interval.lower <= r.revenue.interval.upper).toBe(true);
    expect(allNumbersFinite(r)).toBe(true);
    for (const arms of junk) {
      const r = fitDemandCurve(arms, { unitCost: Number.NaN, draws: -3, seed: Number.NaN });
      expect(r.fitted).toBe(false);
      expect(allNumbersFinite(r)).toBe(true);
    }
  });
});

// Known curve with an interior revenue optimum: slope −1.5 puts the peak where
// conversion is 1 + 1/b = 1/3, and the intercept puts that at $25.
const SLOPE = -1.5;
const INTERCEPT = Math.log(0.5) - SLOPE * Math.log(25);
const TRUE_OPTIMUM = 25;
const trueCurve = () => (price: number) => 1 / (1 + Math.exp(-(INTERCEPT + SLOPE * Math.log(price))));

describe("coverage on simulated data", () => {
  it("the 95% interval contains the true optimum in at least 90 of 100 seeded simulations", () => {
    const truth = trueCurve();
    const rng = createRng(424242);
    let covered = 0;
    let fits = 0;
    for (let sim = 0; sim < 100; sim++) {
      const arms = [10, 20, 30, 40, 50].map((price) => ({
        price,
        visitors: 2500,
        conversions: rng.binomial(2500, truth(price)),
      }));
      const r = fitDemandCurve(arms, { seed: sim + 1 });
      if (!r.fitted) continue;
      fits++;
      if (r.revenue.interval.lower <= TRUE_OPTIMUM && TRUE_OPTIMUM <= r.revenue.interval.upper) covered++;
    }
    console.log(`demand curve: true optimum $${TRUE_OPTIMUM} inside the 95% interval in ${covered} of 100 simulations`);
    expect(fits).toBe(100);
    expect(covered).toBeGreaterThanOrEqual(90);
  });
});
