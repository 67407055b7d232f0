import "server-only";
import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import RedisMock from "ioredis-mock";
import { env } from "@/env";
import { createIoredisRequester } from "./ioredis-requester";

export type RedisBackend = "upstash" | "redis" | "memory";
export type { Redis };

export function describeBackend(): RedisBackend {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) return "upstash";
  if (env.REDIS_URL) return "redis";
  return "memory";
}

/** A client on self-hosted Redis that fails fast instead of queueing while Redis is down. */
export function connectRedisUrl(url: string): Redis {
  const client = new IORedis(url, {
    lazyConnect: false,
    connectTimeout: 2000,
    commandTimeout: 1500,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  client.on("error", () => {
    // Reported per command by the callers that fail open; avoid an unhandled 'error' event.
  });
  return new Redis(createIoredisRequester(client));
}

function create(): Redis {
  switch (describeBackend()) {
    case "upstash":
      return new Redis({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, enableTelemetry: false });
    case "redis":
      return connectRedisUrl(env.REDIS_URL ?? "");
    case "memory":
      // In-process Redis (with Lua, for @upstash/ratelimit) for zero-configuration runs.
      return new Redis(createIoredisRequester(new RedisMock()));
  }
}

const globalForRedis = globalThis as { __poRedis?: Redis };

/** The one Redis client of the process; callers never know which backend it is. */
export function getRedis(): Redis {
  globalForRedis.__poRedis ??= create();
  return globalForRedis.__poRedis;
}
