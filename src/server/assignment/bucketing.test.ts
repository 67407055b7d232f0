import { describe, expect, it } from "vitest";
import { bucketVisitor, chooseVariantIndex, fnv1a32, hashV2 } from "./bucketing";

describe("fnv1a32", () => {
  // Reference values of the FNV-1a 32-bit specification (offset basis 2166136261, prime 16777619).
  it.each([
    ["", 0x811c9dc5],
    ["a", 0xe40c292c],
    ["foobar", 0xbf9cf968],
  ])("hashes %j to the reference value", (input, expected) => {
    expect(fnv1a32(input)).toBe(expected);
  });
});

describe("hashV2 (GrowthBook version 2)", () => {
  it("is (fnv1a(fnv1a(seed + id) + '') % 10000) / 10000", () => {
    const inner = fnv1a32("pricing-testvisitor-1");
    expect(hashV2("pricing-test", "visitor-1")).toBe((fnv1a32(String(inner)) % 10000) / 10000);
  });

  it("stays in [0, 1) with four decimals and is deterministic", () => {
    for (let i = 0; i < 1000; i++) {
      const n = hashV2("exp", `v${i}`);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(1);
      expect(Math.abs(n * 10000 - Math.round(n * 10000))).toBeLessThan(1e-9);
      expect(hashV2("exp", `v${i}`)).toBe(n);
    }
  });
});

describe("chooseVariantIndex", () => {
  it("maps onto cumulative normalised weights", () => {
    expect(chooseVariantIndex(0, [1, 1])).toBe(0);
    expect(chooseVariantIndex(0.4999, [1, 1])).toBe(0);
    expect(chooseVariantIndex(0.5, [1, 1])).toBe(1);
    expect(chooseVariantIndex(0.2, [20, 30, 50])).toBe(1);
    expect(chooseVariantIndex(0.5, [20, 30, 50])).toBe(2);
    expect(chooseVariantIndex(0.9999, [1, 0])).toBe(0);
  });

  it("splits 100,000 visitors in the weights' proportions (within 1 point)", () => {
    const counts = [0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[bucketVisitor("split-check", `visitor-${i}`, [50, 30, 20])]! += 1;
    expect(Math.abs(counts[0]! / 100_000 - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(counts[1]! / 100_000 - 0.3)).toBeLessThan(0.01);
    expect(Math.abs(counts[2]! / 100_000 - 0.2)).toBeLessThan(0.01);
  });
});
