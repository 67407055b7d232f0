import { describe, expect, it } from "vitest";
import { applyWeightFloor, banditWeights, toIntegerWeights } from "./bandit";
import type { BanditArm } from "./bandit";
import { probabilityBestBinomial } from "./probability-best";
import { createRng } from "./rng";
import type { Rng } from "./rng";

const arm = (n: number, conversions: number, price: number): BanditArm => ({
  n,
  conversions,
  sum: conversions * price,
  sumSquares: conversions * price * price,
});

describe("weights", () => {
  it("floors every arm at 1% and still sums to 1", () => {
    const w = applyWeightFloor([0.995, 0.004, 0.001]);
    expect(w[1]).toBeCloseTo(0.01, 15);
    expect(w[2]).toBeCloseTo(0.01, 15);
    expect(w[0]).toBeCloseTo(0.98, 15);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 15);
  });

  it("leaves shares that are all above the floor untouched", () => {
    expect(applyWeightFloor([0.5, 0.3, 0.2])).toEqual([0.5, 0.3, 0.2]);
  });

  it("stores integers out of 10000 that add up exactly, floor included", () => {
    const ints = toIntegerWeights(applyWeightFloor([0.6667, 0.3333, 0]));
    expect(ints.reduce((a, b) => a + b, 0)).toBe(10000);
    expect(ints[2]).toBe(100);
    expect(toIntegerWeights([1 / 3, 1 / 3, 1 / 3])).toEqual([3334, 3333, 3333]);
  });

  it("does not reweight until every arm has 100 visitors", () => {
    const r = banditWeights([arm(250, 10, 10), arm(99, 5, 14)], { metric: "revenue", seed: 1 });
    expect(r.reweighted).toBe(false);
    if (!r.reweighted) expect(r.reason).toMatch(/100 visitors/);
  });

  it("for conversion, weights are the exact probabilities of being best", () => {
    const arms = [arm(1000, 50, 10), arm(1000, 60, 10)];
    const r = banditWeights(arms, { metric: "conversion", seed: 1 });
    if (!r.reweighted) throw new Error("expected a reweight");
    const exact = probabilityBestBinomial(arms);
    r.weights.forEach((w, i) => expect(w).toBeCloseTo(exact[i] ?? NaN, 14));
    expect(r.integerWeights).toEqual([1644, 8356]);
  });
});

// Three prices with known conversion rates; revenue per visitor is what matters.
const PRICES = [10, 14, 12];
const CONVERSION = [0.05, 0.04, 0.03];
const TRUE_RPV = PRICES.map((p, i) => p * (CONVERSION[i] ?? 0)); // 0.50, 0.56, 0.36

function pickArm(rng: Rng, intWeights: readonly number[]): number {
  let u = rng.uniform() * 10000;
  for (let i = 0; i < intWeights.length; i++) {
    u -= intWeights[i] ?? 0;
    if (u < 0) return i;
  }
  return intWeights.length - 1;
}

function simulate(totalVisitors: number, batch: number, seed: number) {
  const rng = createRng(seed);
  const arms = PRICES.map(() => arm(0, 0, 0));
  let weights = [3334, 3333, 3333];
  for (let start = 0; start < totalVisitors; start += batch) {
    const counts = PRICES.map(() => 0);
    for (let v = 0; v < batch; v++) {
      const i = pickArm(rng, weights);
      counts[i] = (counts[i] ?? 0) + 1;
    }
    counts.forEach((n, i) => {
      const price = PRICES[i] ?? 0;
      const sales = rng.binomial(n, CONVERSION[i] ?? 0);
      const a = arms[i];
      if (!a) return;
      a.n += n;
      a.conversions += sales;
      a.sum += sales * price;
      a.sumSquares += sales * price * price;
    });
    const r = banditWeights(arms, { metric: "revenue", seed: seed + start, draws: 10000 });
    if (r.reweighted) weights = r.integerWeights;
  }
  return arms;
}

describe("seeded simulation: bandit vs equal split over 30,000 visitors", () => {
  it("sends most traffic to the best price and earns more", () => {
    const visitors = 30000;
    const bandit = simulate(visitors, 1000, 20240601);
    const share = bandit.map((a) => a.n / visitors);
    const banditRevenue = bandit.reduce((s, a) => s + a.sum, 0);
    const banditExpected = bandit.reduce((s, a, i) => s + a.n * (TRUE_RPV[i] ?? 0), 0);

    const rng = createRng(777);
    const equalN = visitors / PRICES.length;
    const equalRevenue = PRICES.reduce((s, p, i) => s + p * rng.binomial(equalN, CONVERSION[i] ?? 0), 0);
    const equalExpected = TRUE_RPV.reduce((s, r) => s + r * equalN, 0);

    console.log(
      [
        `bandit simulation (true revenue/visitor ${TRUE_RPV.map((r) => r.toFixed(2)).join(" / ")} at $${PRICES.join(" / $")})`,
        `  traffic share: ${share.map((s) => `${(s * 100).toFixed(1)}%`).join(" / ")}`,
        `  revenue: bandit $${banditRevenue.toFixed(0)} vs equal split $${equalRevenue.toFixed(0)}`,
        `  expected revenue for that traffic: bandit $${banditExpected.toFixed(0)} vs equal split $${equalExpected.toFixed(0)}`,
      ].join("\n"),
    );

    const best = share[1] ?? 0;
    expect(best).toBeGreaterThan(0.5);
    expect(best).toBeGreaterThan(Math.max(share[0] ?? 0, share[2] ?? 0));
    expect(share[2]).toBeLessThan(1 / 3);
    expect(banditExpected).toBeGreaterThan(equalExpected);
    expect(banditRevenue).toBeGreaterThan(equalRevenue);
  });

  it("is not a lucky seed: over 20 seeds the best price always gets the most traffic and more expected revenue", () => {
    const equalExpected = TRUE_RPV.reduce((s, r) => s + r * 10000, 0);
    const runs = Array.from({ length: 20 }, (_, k) => simulate(30000, 1000, (k + 1) * 7919));
    const bestShares = runs.map((arms) => (arms[1]?.n ?? 0) / 30000).sort((a, b) => a - b);
    console.log(
      `bandit over 20 seeds: best-price share min ${(bestShares[0] ?? 0).toFixed(3)}, median ${(bestShares[10] ?? 0).toFixed(3)}`,
    );
    for (const arms of runs) {
      const n = arms.map((a) => a.n);
      expect(n[1]).toBe(Math.max(...n));
      expect(arms.reduce((s, a, i) => s + a.n * (TRUE_RPV[i] ?? 0), 0)).toBeGreaterThan(equalExpected);
    }
  });
});
