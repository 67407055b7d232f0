import { describe, expect, it } from "vitest";
import { distinctTicks, ticks } from "@/components/charts/palette";
import { fixedMoneyFormatter, labelShowsPrice, rateDigits } from "./format";

describe("results formatting", () => {
  it("gives a column of per-visitor amounts one precision", () => {
    expect(rateDigits([2.062, 2.8085])).toBe(2);
    expect(rateDigits([0.0312, 0.0349, 0])).toBe(4);
    expect(rateDigits([0.512, 1.2])).toBe(3);
    expect(rateDigits([])).toBe(2);
    const rate = fixedMoneyFormatter("USD", rateDigits([2.062, 2.8085]));
    expect([rate(2.062), rate(2.8085)]).toEqual(["$2.06", "$2.81"]);
  });

  it("knows when a label already says the price", () => {
    expect(labelShowsPrice("$24", "24.00")).toBe(true);
    expect(labelShowsPrice("24 EUR", "24.00")).toBe(true);
    expect(labelShowsPrice("Current price", "24.00")).toBe(false);
    expect(labelShowsPrice("$19", "24.00")).toBe(false);
  });

  it("never repeats an axis label", () => {
    const whole = (x: number) => Math.round(x).toLocaleString("en-US");
    expect(distinctTicks(ticks(0, 1.05, 4), whole).map(whole)).toEqual(["0", "1"]);
  });
});
