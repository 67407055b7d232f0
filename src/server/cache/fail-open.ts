import { count, log } from "@/server/lib/logger";

/**
 * Runs a Redis operation that the caller can do without: on failure the error is
 * logged and counted (`redis_failures`), and `fallback` is returned.
 */
export async function failOpen<T>(operation: string, fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    count("redis_failures");
    log("warn", "redis unavailable, continuing without it", { operation, error: error instanceof Error ? error.message : String(error) });
    return fallback;
  }
}
