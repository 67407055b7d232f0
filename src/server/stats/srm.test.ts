import { describe, expect, it } from "vitest";
import { isSrmFlagged, SRM_ALARM_THRESHOLD, srmPValue } from "./srm";
import { expectClose } from "./test-helpers";

describe("srmPValue", () => {
  it("matches gbstats tests/test_gbstats.py test_srm: check_srm([1000, 1200], [0.5, 0.5]) = 0.000020079", () => {
    const p = srmPValue([1000, 1200], [0.5, 0.5]);
    expect(Math.round(p * 1e9) / 1e9).toBe(0.000020079);
    // Full precision from scipy chi2.sf(18.1818…, 1).
    expectClose(p, 2.007865612426481e-5);
  });

  it("normalises relative weights", () => {
    expect(srmPValue([1000, 1200], [1, 1])).toBe(srmPValue([1000, 1200], [0.5, 0.5]));
    expect(srmPValue([1000, 1200], [50, 50])).toBe(srmPValue([1000, 1200], [0.5, 0.5]));
  });

  it("uses arms − 1 degrees of freedom for uneven weights (chi² = 8 on 2 dof)", () => {
    expectClose(srmPValue([5000, 2600, 2400], [2, 1, 1]), 0.018315638888734182);
  });

  it("counts only arms with positive weight toward the degrees of freedom", () => {
    // chi² = 5.8140 from the two weighted arms; 1 dof, scipy chi2.sf(x, 1).
    expectClose(srmPValue([1000, 1100, 50], [1, 1, 0]), 0.015899511451314123);
  });

  it("is exactly 1 for a perfect split and when there is nothing to test", () => {
    expect(srmPValue([500, 500], [1, 1])).toBe(1);
    expect(srmPValue([0, 0], [1, 1])).toBe(1);
    expect(srmPValue([10], [1])).toBe(1);
    expect(srmPValue([10, 10], [0, 0])).toBe(1);
  });

  it("never returns NaN for junk input", () => {
    const p = srmPValue([Number.NaN, -5, 100], [1, Number.POSITIVE_INFINITY, 1]);
    expect(Number.isFinite(p)).toBe(true);
  });

  it("flags strictly below 0.0001 (the one threshold the product decides on)", () => {
    expect(SRM_ALARM_THRESHOLD).toBe(0.0001);
    expect(isSrmFlagged(0.0000999)).toBe(true);
    expect(isSrmFlagged(0.0001)).toBe(false);
    expect(isSrmFlagged(srmPValue([1000, 1200], [1, 1]))).toBe(true);
    expect(isSrmFlagged(srmPValue([5000, 2600, 2400], [2, 1, 1]))).toBe(false);
  });
});
