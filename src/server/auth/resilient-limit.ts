import "server-only";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import RedisMock from "ioredis-mock";
import { count, log } from "@/server/lib/logger";
import { getRedis } from "@/server/redis";
import { createIoredisRequester } from "@/server/redis/ioredis-requester";

type Window = Parameters<typeof Ratelimit.slidingWindow>[1];

export interface LimitSpec {
  prefix: string;
  tokens: number;
  window: Window;
}

// After a Redis failure the limits run in process for this long, so a dead Redis
// costs one timeout per interval instead of one per sign-in attempt.
const BREAKER_MS = 5_000;
let skipUntil = 0;

let local: Redis | undefined;
// Limits must hold while Redis is down: counted per instance instead of failing open
// (an attacker would otherwise get unlimited guesses during an outage).
function localRedis(): Redis {
  local ??= new Redis(createIoredisRequester(new RedisMock({ host: "po-local-limits" })));
  return local;
}

let primaryOverride: Redis | undefined;

/** Tests only: the Redis the limits use (e.g. one that is down), and a closed breaker. */
export function useLimitRedisForTests(redis: Redis | undefined): void {
  primaryOverride = redis;
  skipUntil = 0;
}

/**
 * Runs `op` on the shared Redis, or, when it fails or failed within BREAKER_MS, on the
 * in-process one (logged and counted as `auth_limit.local_fallback`).
 */
export async function onLimitRedis<T>(
  operation: string,
  op: (redis: Redis) => Promise<T>,
  fallbackCounter = "auth_limit.local_fallback",
): Promise<T> {
  if (Date.now() >= skipUntil) {
    try {
      return await op(primaryOverride ?? getRedis());
    } catch (error) {
      skipUntil = Date.now() + BREAKER_MS;
      log("warn", "rate-limit Redis unavailable; counting in process", { operation, error: error instanceof Error ? error.message : String(error) });
    }
  }
  count(fallbackCounter);
  return op(localRedis());
}

// Built once per Redis client and limit, never per request.
const limiters = new WeakMap<Redis, Map<string, Ratelimit>>();

function limiterFor(spec: LimitSpec, redis: Redis): Ratelimit {
  let byPrefix = limiters.get(redis);
  if (!byPrefix) limiters.set(redis, (byPrefix = new Map()));
  let limiter = byPrefix.get(spec.prefix);
  if (!limiter) {
    limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(spec.tokens, spec.window), prefix: spec.prefix, timeout: 3_000 });
    byPrefix.set(spec.prefix, limiter);
  }
  return limiter;
}

/** Counts one attempt against `spec` for `identifier`; false when over the limit. */
export function limitAttempt(spec: LimitSpec, identifier: string): Promise<boolean> {
  return onLimitRedis(`limit ${spec.prefix}`, async (redis) => {
    const res = await limiterFor(spec, redis).limit(identifier);
    // @upstash/ratelimit lets a request through when Redis is slow: that is an outage here.
    if (res.reason === "timeout") throw new Error("rate limit timed out");
    return res.success;
  });
}

export interface LimitResult {
  success: boolean;
  /** The window's allowance. */
  limit: number;
  remaining: number;
  /** When the window frees up again, in Unix milliseconds. */
  reset: number;
}

/**
 * Counts one request against `spec` and says where the caller stands, for the
 * X-RateLimit-* headers. Redis down: counted in process (`rate_limit.local_fallback`).
 */
export function checkLimit(spec: LimitSpec, identifier: string): Promise<LimitResult> {
  return onLimitRedis(
    `limit ${spec.prefix}`,
    async (redis) => {
      const res = await limiterFor(spec, redis).limit(identifier);
      if (res.reason === "timeout") throw new Error("rate limit timed out");
      return { success: res.success, limit: res.limit, remaining: Math.max(0, res.remaining), reset: res.reset };
    },
    "rate_limit.local_fallback",
  );
}
