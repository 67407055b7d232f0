// Embedded stand-ins (PGlite for PostgreSQL, an in-process store for Redis) make a
// fresh clone run with no setup. In production they would lose data on restart and
// give every instance its own caches and rate limits, so a production start refuses
// them unless explicitly opted into (tests and demos of the production build).

export type RawEnv = Record<string, string | undefined>;

const optedIn = (value: string | undefined) => value === "1" || value === "true";

export function redisConfigured(env: RawEnv): boolean {
  return Boolean(env.REDIS_URL) || (Boolean(env.UPSTASH_REDIS_REST_URL) && Boolean(env.UPSTASH_REDIS_REST_TOKEN));
}

export function databaseStandInRefusal(env: RawEnv): string | null {
  if (env.DATABASE_URL || optedIn(env.ALLOW_EMBEDDED_DATABASE)) return null;
  return "DATABASE_URL is required in production (set ALLOW_EMBEDDED_DATABASE=1 to run on an embedded PGlite database instead, for tests and demos only)";
}

export function redisStandInRefusal(env: RawEnv): string | null {
  if (redisConfigured(env) || optedIn(env.ALLOW_IN_MEMORY_REDIS)) return null;
  return "REDIS_URL (or UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN) is required in production (set ALLOW_IN_MEMORY_REDIS=1 to use a per-instance in-process store instead, for tests and demos only)";
}
