import { describe, expect, it } from "vitest";
import { distinctTicks, ticks } from "./palette";

describe("chart ticks", () => {
  it("never repeats an axis label", () => {
    const whole = (x: number) => Math.round(x).toLocaleString("en-US");
    expect(distinctTicks(ticks(0, 1.05, 4), whole).map(whole)).toEqual(["0", "1"]);
  });
});
