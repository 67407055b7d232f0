import { expect } from "vitest";

/** Largest relative deviation seen by expectClose, for reporting agreement. */
export const deviation = { maxRelative: 0, maxAbsoluteNearZero: 0 };

/**
 * |actual − expected| ≤ max(rel·|expected|, abs): relative agreement for
 * ordinary values, absolute agreement for values near zero.
 */
export function expectClose(actual: number, expected: number, rel = 1e-6, abs = 1e-9): void {
  const diff = Math.abs(actual - expected);
  if (Math.abs(expected) > abs / rel) {
    deviation.maxRelative = Math.max(deviation.maxRelative, diff / Math.abs(expected));
  } else {
    deviation.maxAbsoluteNearZero = Math.max(deviation.maxAbsoluteNearZero, diff);
  }
  expect(Number.isFinite(actual), `expected a finite number, got ${actual}`).toBe(true);
  expect(diff, `actual ${actual} vs expected ${expected}`).toBeLessThanOrEqual(Math.max(rel * Math.abs(expected), abs));
}

/** gbstats tests compare values rounded to 5 decimals. */
export function expectRounded5(actual: number, expected: number): void {
  expect(Math.round(actual * 1e5) / 1e5, `actual ${actual}`).toBeCloseTo(expected, 10);
}

/** Every number anywhere inside `value` is finite (JSON would hide NaN as null). */
export function allNumbersFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value && typeof value === "object") return Object.values(value).every(allNumbersFinite);
  return true;
}
