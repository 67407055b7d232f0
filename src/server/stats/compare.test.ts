import { afterAll, describe, expect, it } from "vitest";
import { compareToControl } from "./compare";
import { deviation, expectRounded5 } from "./test-helpers";
import type { BinomialStats, MeanStats } from "./types";

const mean = (sum: number, sumSquares: number, n: number): MeanStats => ({ kind: "mean", n, sum, sumSquares });
const prop = (conversions: number, n: number): BinomialStats => ({ kind: "binomial", n, conversions });

// Expected values below are copied from gbstats' own unit tests, which assert
// results rounded to 5 decimals; we assert the same rounding.
describe("gbstats tests/frequentist/test_tests.py", () => {
  it("TestTwoSidedTTest.test_two_sided_ttest (relative)", () => {
    const r = compareToControl(mean(1396.87, 52377.9767, 3407), mean(2422.7, 134698.29, 3461));
    expect(r.errorCode).toBeNull();
    expectRounded5(r.frequentist.effect, 0.70732);
    expectRounded5(r.frequentist.standardError, 0.37879);
    expectRounded5(r.frequentist.ciLower, -0.03526);
    expectRounded5(r.frequentist.ciUpper, 1.44989);
    expectRounded5(r.frequentist.pValue, 0.06191);
  });

  it("TestTwoSidedTTest.test_two_sided_ttest_absolute", () => {
    const r = compareToControl(mean(1396.87, 52377.9767, 3407), mean(2422.7, 134698.29, 3461));
    expectRounded5(r.frequentistAbsolute.effect, 0.29);
    expectRounded5(r.frequentistAbsolute.standardError, 0.12478);
    expectRounded5(r.frequentistAbsolute.ciLower, 0.04538);
    expectRounded5(r.frequentistAbsolute.ciUpper, 0.53462);
    expectRounded5(r.frequentistAbsolute.pValue, 0.02016);
  });

  it("TestTwoSidedTTest.test_two_sided_ttest_binom", () => {
    const r = compareToControl(prop(14, 28), prop(16, 30));
    expectRounded5(r.frequentist.effect, 0.06667);
    expectRounded5(r.frequentist.standardError, 0.2717);
    expectRounded5(r.frequentist.ciLower, -0.47767);
    expectRounded5(r.frequentist.ciUpper, 0.61101);
    expectRounded5(r.frequentist.pValue, 0.80707);
  });

  it("TestTwoSidedTTest.test_two_sided_ttest_missing_variance → default output", () => {
    // n = 2 with these sums gives a negative sample variance.
    const r = compareToControl(mean(1396.87, 52377.9767, 2), mean(2422.7, 134698.29, 3461));
    expect(r.errorCode).toBe("ZERO_VARIANCE");
    expect(r.frequentist).toEqual({ effect: 0, standardError: 0, dof: 0, ciLower: 0, ciUpper: 0, pValue: 1 });
  });

  it("TestSequentialTTest.test_sequential_test_runs (N* = 1000)", () => {
    const r = compareToControl(mean(1396.87, 52377.9767, 3000), mean(2422.7, 134698.29, 3461), {
      sequentialTuning: 1000,
    });
    expectRounded5(r.sequential.effect, 0.50336);
    expectRounded5(r.frequentist.standardError, 0.33341);
    expectRounded5(r.sequential.ciLower, -0.55844);
    expectRounded5(r.sequential.ciUpper, 1.56516);
    expectRounded5(r.sequential.pValue, 1);
  });

  it("TestSequentialTTest.test_sequential_test_runs_prop (default N* = 5000)", () => {
    const r = compareToControl(prop(1396, 3000), prop(2422, 3461));
    expectRounded5(r.sequential.effect, 0.50386);
    expectRounded5(r.frequentist.standardError, 0.03386);
    expectRounded5(r.sequential.ciLower, 0.40098);
    expectRounded5(r.sequential.ciUpper, 0.60675);
    expectRounded5(r.sequential.pValue, 0);
  });

  it("TestSequentialTTest.test_sequential_test_tuning_as_expected", () => {
    const a = mean(1396.87, 52377.9767, 3000);
    const b = mean(2422.7, 134698.29, 3461);
    const below = compareToControl(a, b, { sequentialTuning: 10 }).sequential;
    const near = compareToControl(a, b, { sequentialTuning: 6461 }).sequential;
    const above = compareToControl(a, b, { sequentialTuning: 10000 }).sequential;
    expect(below.ciLower < above.ciLower && below.ciUpper > above.ciUpper).toBe(true);
    expect(below.ciLower < near.ciLower && below.ciUpper > near.ciUpper).toBe(true);
    expect(above.ciLower < near.ciLower && above.ciUpper > near.ciUpper).toBe(true);
  });
});

describe("gbstats tests/bayesian/test_tests.py (GaussianEffectABTest, flat prior)", () => {
  it("TestBinom.test_bayesian_binomial_ab_test", () => {
    const b = compareToControl(prop(49, 100), prop(51, 100)).bayesian;
    expectRounded5(b.effect, 0.04082);
    expectRounded5(b.ciLower, -0.24779);
    expectRounded5(b.ciUpper, 0.32943);
    expectRounded5(b.chanceToWin, 0.60918);
    expectRounded5(b.riskControl, 0.0814);
    expectRounded5(b.riskTreatment, 0.04058);
  });

  it("TestNorm.test_bayesian_gaussian_ab_test", () => {
    const r = compareToControl(mean(100, 1002.25, 10), mean(105, 1111.5, 10));
    expectRounded5(r.bayesian.effect, 0.05);
    expectRounded5(r.frequentist.standardError, 0.03572);
    expectRounded5(r.bayesian.ciLower, -0.02);
    expectRounded5(r.bayesian.ciUpper, 0.12);
    expectRounded5(r.bayesian.chanceToWin, 0.91923);
    expectRounded5(r.bayesian.riskControl, 0.05131);
    expectRounded5(r.bayesian.riskTreatment, 0.00131);
  });

  it("TestBinom/TestNorm.test_missing_data → chance to win 0.5, effect 0", () => {
    for (const r of [compareToControl(prop(0, 0), prop(0, 0)), compareToControl(mean(0, 0, 0), mean(0, 0, 0))]) {
      expect(r.bayesian.chanceToWin).toBe(0.5);
      expect(r.bayesian.effect).toBe(0);
      expect(r.errorCode).toBe("NOT_ENOUGH_DATA");
    }
  });
});

afterAll(() => {
  if (deviation.maxRelative > 0) console.log("max relative deviation", deviation);
});
