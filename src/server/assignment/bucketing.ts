import "server-only";
// Deterministic bucketing, reproducible by tenants (see README "How visitors are bucketed").

/** FNV-1a, 32-bit, over the UTF-16 code units of the string (as GrowthBook's SDKs do). */
export function fnv1a32(input: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** GrowthBook's version-2 hash: a number in [0, 1) with 4 decimal places. */
export function hashV2(seed: string, visitorId: string): number {
  return (fnv1a32(String(fnv1a32(seed + visitorId))) % 10000) / 10000;
}

/**
 * The index of the variant whose slice of [0, 1) holds `n`, slices being the
 * cumulative normalised weights in variant order.
 */
export function chooseVariantIndex(n: number, weights: readonly number[]): number {
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  if (total <= 0) return 0;
  let cumulative = 0;
  for (let i = 0; i < weights.length; i++) {
    cumulative += Math.max(0, weights[i] ?? 0) / total;
    if (n < cumulative) return i;
  }
  // Rounding can leave the last slice a hair short of 1.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
  return 0;
}

export function bucketVisitor(experimentKey: string, visitorId: string, weights: readonly number[]): number {
  return chooseVariantIndex(hashV2(experimentKey, visitorId), weights);
}
