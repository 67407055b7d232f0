import { describe, expect, it } from "vitest";
import { phi } from "./dists";
import { probabilityBestBinomial, probabilityBestMean } from "./probability-best";
import { expectClose } from "./test-helpers";

const arms = (...pairs: [number, number][]) => pairs.map(([conversions, n]) => ({ n, conversions }));

describe("probabilityBestBinomial (Beta(1,1) prior, numerical integration)", () => {
  // Reference values: scipy.integrate.quad of beta.pdf(x)·Π beta.cdf(x) at
  // epsrel 1e-12; the two-arm case also matches Evan Miller's closed form
  // P(B > A) = 0.8356112648765794.
  const vectors: [string, [number, number][], number[]][] = [
    [
      "two arms",
      [
        [50, 1000],
        [60, 1000],
      ],
      [0.16438873512453941, 0.835611264875459],
    ],
    [
      "zero conversions",
      [
        [0, 100],
        [0, 100],
        [1, 100],
      ],
      [0.1935685809363766, 0.1935685809363766, 0.6128628381272434],
    ],
    [
      "three arms",
      [
        [120, 2000],
        [130, 2000],
        [100, 2000],
      ],
      [0.25400587302723177, 0.7368997576622761, 0.009094369310489413],
    ],
    [
      "no visitors yet",
      [
        [0, 0],
        [0, 0],
      ],
      [0.5, 0.5],
    ],
    // A 10M-visitor arm's CDF jumps from 0 to 1 inside a sliver of the small arm's range.
    [
      "huge arm vs tiny arm, no conversions",
      [
        [0, 1e7],
        [0, 10],
      ],
      [1.0999986800015443e-6, 0.9999989000013192],
    ],
    [
      "four arms, 10k each",
      [
        [400, 10000],
        [452, 10000],
        [380, 10000],
        [430, 10000],
      ],
      [0.017992918576782067, 0.7623548611120781, 0.0017122274146209888, 0.21793999289651367],
    ],
  ];
  for (const [name, input, expected] of vectors) {
    it(name, () => {
      const p = probabilityBestBinomial(arms(...input));
      expect(p).toHaveLength(expected.length);
      p.forEach((x, i) => expectClose(x, expected[i] ?? NaN, 1e-6, 1e-9));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  }

  it("is symmetric and handles one or no arms", () => {
    const [a, b] = probabilityBestBinomial(arms([7, 300], [7, 300]));
    expect(a).toBe(b);
    expect(probabilityBestBinomial(arms([3, 10]))).toEqual([1]);
    expect(probabilityBestBinomial([])).toEqual([]);
  });
});

describe("probabilityBestMean (normal approximation, seeded Monte Carlo)", () => {
  const revenueArm = (n: number, mean: number, sd: number) => ({
    n,
    sum: mean * n,
    sumSquares: (n - 1) * sd * sd + n * mean * mean,
  });

  it("is reproducible for a seed and matches the closed form for two arms", () => {
    const input = [revenueArm(2000, 0.5, 2.2), revenueArm(2000, 0.6, 2.7)];
    const p1 = probabilityBestMean(input, { seed: 11, draws: 40000 });
    const p2 = probabilityBestMean(input, { seed: 11, draws: 40000 });
    expect(p1).toEqual(p2);
    const exact = phi(0.1 / Math.sqrt((2.2 * 2.2) / 2000 + (2.7 * 2.7) / 2000));
    // 40,000 draws: Monte Carlo standard error ≈ 0.0023, so 4σ ≈ 0.01.
    expect(Math.abs((p1[1] ?? 0) - exact)).toBeLessThan(0.01);
    expect((p1[0] ?? 0) + (p1[1] ?? 0)).toBeCloseTo(1, 12);
  });

  it("splits evenly when no arm has sold anything", () => {
    const zero = { n: 300, sum: 0, sumSquares: 0 };
    for (const x of probabilityBestMean([zero, zero, zero], { seed: 3 })) expect(x).toBeCloseTo(1 / 3, 12);
  });

  it("does not treat a zero-sales arm as certain", () => {
    // One sale of $20 in 100 visitors vs none: clearly not a sure thing.
    const p = probabilityBestMean(
      [
        { n: 100, sum: 0, sumSquares: 0 },
        { n: 100, sum: 20, sumSquares: 400 },
      ],
      {
        seed: 5,
      },
    );
    expect(p[1]).toBeGreaterThan(0.6);
    expect(p[1]).toBeLessThan(0.95);
  });
});
