import "server-only";
// Cache lookups are counted on the hot path, so this is a plain object of numbers
// (no metrics library): the /api/metrics scrape turns it into Prometheus counters.
// Kept on globalThis so every route bundle of one process adds to the same totals.

export type CacheName = "experiment_config" | "assignment";
export type CacheLayer = "local" | "redis";
export type LookupResult = "hit" | "miss";

const globalForCache = globalThis as { __poCacheLookups?: Map<string, number> };
const lookups = (globalForCache.__poCacheLookups ??= new Map<string, number>());

export function countLookup(cache: CacheName, layer: CacheLayer, result: LookupResult): void {
  const key = `${cache}|${layer}|${result}`;
  lookups.set(key, (lookups.get(key) ?? 0) + 1);
}

export function cacheLookupTotals(): { cache: string; layer: string; result: string; value: number }[] {
  return [...lookups].map(([key, value]) => {
    const [cache = "", layer = "", result = ""] = key.split("|");
    return { cache, layer, result, value };
  });
}
