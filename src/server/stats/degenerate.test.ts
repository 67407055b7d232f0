import { describe, expect, it } from "vitest";
import { compareToControl } from "./compare";
import { createRng } from "./rng";
import { sequentialTest } from "./sequential";
import type { ArmStats, BinomialStats, Comparison, MeanStats } from "./types";

const prop = (conversions: number, n: number): BinomialStats => ({ kind: "binomial", n, conversions });
const mean = (sum: number, sumSquares: number, n: number): MeanStats => ({ kind: "mean", n, sum, sumSquares });

function numbers(r: Comparison): number[] {
  return [r.frequentist, r.frequentistAbsolute, r.bayesian, r.sequential].flatMap((x) => Object.values(x));
}

function expectDefault(r: Comparison): void {
  expect(numbers(r).every(Number.isFinite)).toBe(true);
  expect(r.frequentist.pValue).toBe(1);
  expect(r.sequential.pValue).toBe(1);
  expect(r.bayesian.chanceToWin).toBe(0.5);
  expect(r.bayesian.riskControl).toBe(0);
}

describe("degenerate inputs give finite defaults and an error code", () => {
  const cases: [string, ArmStats, ArmStats, Comparison["errorCode"]][] = [
    ["no conversions in control", prop(0, 500), prop(7, 500), "BASELINE_ZERO"],
    ["no conversions anywhere", prop(0, 500), prop(0, 500), "BASELINE_ZERO"],
    ["no conversions in treatment", prop(9, 500), prop(0, 500), "ZERO_VARIANCE"],
    ["everyone converted", prop(20, 20), prop(18, 20), "ZERO_VARIANCE"],
    ["no revenue in control", mean(0, 0, 400), mean(120, 3600, 400), "BASELINE_ZERO"],
    ["constant revenue", mean(1000, 10000, 100), mean(990, 9900, 99), "ZERO_VARIANCE"],
    ["one visitor", prop(1, 1), prop(3, 40), "NOT_ENOUGH_DATA"],
    ["empty arm", mean(0, 0, 0), mean(50, 400, 10), "NOT_ENOUGH_DATA"],
    ["conversions > visitors", prop(12, 10), prop(3, 10), "INVALID_INPUT"],
    ["negative visitors", prop(1, -10), prop(3, 10), "INVALID_INPUT"],
    ["NaN revenue", mean(Number.NaN, 1, 10), mean(5, 9, 10), "INVALID_INPUT"],
  ];
  for (const [name, c, t, code] of cases) {
    it(name, () => {
      const r = compareToControl(c, t);
      expect(r.errorCode).toBe(code);
      expectDefault(r);
    });
  }

  it("rejects nonsense options instead of returning NaN", () => {
    expect(compareToControl(prop(40, 500), prop(50, 500), { alpha: 0 }).errorCode).toBe("INVALID_INPUT");
    expect(compareToControl(prop(40, 500), prop(50, 500), { sequentialTuning: -1 }).errorCode).toBe("INVALID_INPUT");
  });

  it("stays finite and never throws on 2,000 random summaries", () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const n = Math.floor(rng.uniform() * 50);
      const c = Math.floor(rng.uniform() * (n + 1));
      const arm: ArmStats = rng.uniform() < 0.5 ? prop(c, n) : mean(c * 9.99, c * 9.99 * 9.99 * (0.5 + rng.uniform()), n);
      const r = compareToControl(arm, prop(Math.floor(rng.uniform() * 5), 5));
      expect(numbers(r).every(Number.isFinite)).toBe(true);
    }
  });
});

describe("relationships the formulas imply", () => {
  it("riskControl − riskTreatment equals the expected lift", () => {
    const b = compareToControl(prop(412, 10000), prop(455, 10100)).bayesian;
    expect(b.riskControl - b.riskTreatment).toBeCloseTo(b.effect, 14);
  });

  it("the sequential p-value is alpha exactly when the interval touches zero", () => {
    // Put the estimate at the interval's half-width, so the lower bound is 0.
    const probe = sequentialTest({ effect: 1, variance: 0.04 }, 8000, 0.05, 5000);
    const halfWidth = probe.ciUpper - 1;
    const touching = sequentialTest({ effect: halfWidth, variance: 0.04 }, 8000, 0.05, 5000);
    expect(touching.ciLower).toBeCloseTo(0, 12);
    expect(touching.pValue).toBeCloseTo(0.05, 12);
  });

  it("the always-valid interval is wider than the fixed-horizon one", () => {
    const r = compareToControl(prop(412, 10000), prop(455, 10100));
    expect(r.sequential.ciLower).toBeLessThan(r.frequentist.ciLower);
    expect(r.sequential.ciUpper).toBeGreaterThan(r.frequentist.ciUpper);
  });
});
