import { describe, expect, it } from "vitest";
import { wilson } from "./wilson";

describe("wilson", () => {
  it("matches the textbook interval and stays inside [0, 1] at the extremes", () => {
    const ci = wilson(10, 100);
    expect(ci.lower).toBeCloseTo(0.05523, 4);
    expect(ci.upper).toBeCloseTo(0.17437, 4);
    expect(wilson(0, 20).lower).toBe(0);
    expect(wilson(0, 20).upper).toBeCloseTo(0.16113, 4);
    expect(wilson(20, 20).upper).toBe(1);
  });

  it("has no interval without visitors", () => {
    expect(wilson(0, 0)).toEqual({ lower: Number.NaN, upper: Number.NaN });
  });
});
