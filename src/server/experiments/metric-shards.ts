import "server-only";
/**
 * Counters of a variant are spread over this many variant_metrics rows; each write
 * picks one at random, and readers sum them. On a 2-core machine one hot row
 * capped concurrent updates at about a fifth of what 16 rows allow (pgbench).
 */
export const METRIC_SHARDS = 16;

export function pickShard(): number {
  return Math.floor(Math.random() * METRIC_SHARDS);
}
