import "server-only";
import { count, log } from "@/server/lib/logger";

// After a failure Redis is left alone for this long, so a dead Redis costs one
// timeout per interval instead of one per request on the assignment path.
const BREAKER_MS = 5_000;
let skipUntil = 0;

/**
 * Runs a Redis operation that the caller can do without: on failure the error is
 * logged and counted (`redis_failures`), and `fallback` is returned. While the
 * breaker is open, calls return `fallback` at once and are counted (`redis_skipped`).
 */
export async function failOpen<T>(operation: string, fn: () => Promise<T>, fallback: T, now = Date.now()): Promise<T> {
  if (now < skipUntil) {
    count("redis_skipped");
    return fallback;
  }
  try {
    return await fn();
  } catch (error) {
    skipUntil = Date.now() + BREAKER_MS;
    count("redis_failures");
    log("warn", "redis unavailable, continuing without it", { operation, error: error instanceof Error ? error.message : String(error) });
    return fallback;
  }
}

/** Closes the breaker at once (tests that simulate a Redis outage). */
export function resetRedisBreaker(): void {
  skipUntil = 0;
}
