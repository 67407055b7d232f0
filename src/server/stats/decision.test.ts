import { describe, expect, it } from "vitest";
import { compareToControl } from "./compare";
import { decide, DECISION_RULES, visitorsPerArmForMde } from "./decision";
import type { DecisionVariant } from "./decision";
import type { Comparison, MeanStats } from "./types";

/** Summary of n visitors whose revenue has this mean and sample sd. */
function revenue(n: number, mean: number, sd: number): MeanStats {
  return { kind: "mean", n, sum: mean * n, sumSquares: (n - 1) * sd * sd + n * mean * mean };
}

function variant(key: string, control: MeanStats, stats: MeanStats): DecisionVariant {
  return { key, label: key, comparison: compareToControl(control, stats), visitors: stats.n };
}

const control = (stats: MeanStats) => ({ key: "$10.00", label: "$10.00", stats });

describe("decide", () => {
  it("exports the thresholds it applies", () => {
    expect(DECISION_RULES).toEqual({
      srmThreshold: 0.001,
      shipMinChanceToWin: 0.95,
      shipMaxRiskTreatment: 0.005,
      defaultMde: 0.05,
      power: 0.8,
      alpha: 0.05,
    });
  });

  it("investigates a broken traffic split before anything else", () => {
    const c = revenue(20000, 0.5, 2.2);
    const d = decide({ control: control(c), variants: [variant("$14.00", c, revenue(20000, 0.7, 2.7))], srmPValue: 0.0002 });
    expect(d.action).toBe("investigate");
    expect(d.variantKey).toBeUndefined();
    expect(d.reason).toMatch(/1 in 5,000/);
  });

  it("ships a variant that is very likely better with a small downside", () => {
    const c = revenue(20000, 0.5, 2.2);
    const d = decide({ control: control(c), variants: [variant("$14.00", c, revenue(20000, 0.56, 2.7))], srmPValue: 0.4 });
    expect(d).toEqual(
      expect.objectContaining({
        action: "ship",
        variantKey: "$14.00",
        headline: "Ship $14.00: it earns 12.0% more per visitor than the control, with a 99% chance to be better.",
      }),
    );
    expect(d.reason).toMatch(/expected loss is only 0\.0\d% of revenue per visitor/);
  });

  it("ships on the always-valid interval alone and picks the larger lift among winners", () => {
    const c = revenue(5000, 0.5, 2);
    const base = variant("x", c, revenue(5000, 0.5, 2)).comparison;
    const seqWin = (effect: number, key: string): DecisionVariant => {
      const comparison: Comparison = {
        ...base,
        bayesian: { ...base.bayesian, effect, chanceToWin: 0.9, riskTreatment: 0.02 },
        sequential: { effect, ciLower: 0.01, ciUpper: 2 * effect, pValue: 0.01 },
      };
      return { key, label: key, comparison, visitors: 5000 };
    };
    const d = decide({ control: control(c), variants: [seqWin(0.08, "$12.00"), seqWin(0.11, "$13.00")], srmPValue: 0.5 });
    expect(d.action).toBe("ship");
    expect(d.variantKey).toBe("$13.00");
    expect(d.reason).toMatch(/between \+1\.0% and \+22\.0%/);
  });

  it("keeps the control when every alternative is conclusively worse", () => {
    const c = revenue(60000, 0.6, 2);
    const variants = [variant("$15.00", c, revenue(60000, 0.45, 2)), variant("$18.00", c, revenue(60000, 0.4, 2))];
    const d = decide({ control: control(c), variants, srmPValue: 0.5 });
    expect(d).toEqual(expect.objectContaining({ action: "ship", variantKey: "$10.00" }));
    expect(d.headline).toBe("Keep $10.00: every other price earns less per visitor.");
  });

  it("stops when every difference is inside ±5%", () => {
    const c = revenue(400000, 0.5, 1);
    const d = decide({ control: control(c), variants: [variant("$11.00", c, revenue(400000, 0.501, 1))], srmPValue: 0.5 });
    expect(d.action).toBe("stop-no-difference");
    expect(d.headline).toBe("Stop the test: no price changes revenue per visitor by more than 5%.");
  });

  it("keeps running and says how many more visitors the 5% MDE needs", () => {
    const c = revenue(3000, 0.5, 2.2);
    const d = decide({ control: control(c), variants: [variant("$12.00", c, revenue(2900, 0.52, 2.4))], srmPValue: 0.5 });
    // n = 2·(z₀.₉₇₅ + z₀.₈)²·σ²/(MDE·μ)² = 2·2.8015852²·2.2²/0.025² = 121,563.4 → 121,564.
    expect(visitorsPerArmForMde(c, 0.05)).toBe(121564);
    expect(d).toEqual(expect.objectContaining({ action: "keep-running", visitorsNeeded: 121564 - 2900 }));
    expect(d.headline).toBe("Keep running: about 118,664 more visitors per price needed.");
  });

  it("keeps running without a number when the control has no sales yet", () => {
    const c: MeanStats = { kind: "mean", n: 300, sum: 0, sumSquares: 0 };
    const d = decide({ control: control(c), variants: [variant("$12.00", c, revenue(300, 0.2, 1))], srmPValue: 0.9 });
    expect(d.action).toBe("keep-running");
    expect(d.visitorsNeeded).toBeUndefined();
    expect(d.reason).toMatch(/No alternative has enough sales/);
  });
});
