import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import RedisMock from "ioredis-mock";
import { afterAll, describe, expect, it } from "vitest";
import { createIoredisRequester } from "../../src/server/redis/ioredis-requester";

const REDIS_URL = process.env.REDIS_URL;
if (!REDIS_URL) {
  console.warn("[tests] Redis tests against a real server SKIPPED: REDIS_URL is not set (the in-process backend is still tested).");
}

const opened: IORedis[] = [];
afterAll(() => opened.forEach((c) => c.disconnect()));

const backends: [string, () => Redis, boolean][] = [["in-process (ioredis-mock)", () => new Redis(createIoredisRequester(new RedisMock())), false]];
if (REDIS_URL) {
  backends.push([
    "self-hosted Redis at REDIS_URL",
    () => {
      const client = new IORedis(REDIS_URL);
      opened.push(client);
      return new Redis(createIoredisRequester(client));
    },
    true,
  ]);
}

const unique = () => `po-test:${Date.now()}:${Math.random().toString(36).slice(2)}`;

describe.each(backends)("@upstash/redis over %s", (_name, connect, realServer) => {
  const redis = connect();

  it("round-trips JSON values with expiry", async () => {
    const key = unique();
    await redis.set(key, { price: "19.00", variant: "low", n: 3 }, { ex: 60 });
    expect(await redis.get(key)).toEqual({ price: "19.00", variant: "low", n: 3 });
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });

  it("runs pipelines and transactions in order", async () => {
    const key = unique();
    const pipe = redis.pipeline();
    pipe.incr(key);
    pipe.incrby(key, 4);
    pipe.get(key);
    expect(await pipe.exec()).toEqual([1, 5, 5]);
    const tx = redis.multi();
    tx.decr(key);
    tx.del(key);
    expect(await tx.exec()).toEqual([4, 1]);
  });

  // ioredis-mock answers INCR on text with NaN and cannot run the token bucket's Lua:
  // the product uses only the sliding window, which both backends run.
  it.runIf(realServer)("answers a server error as an error, not a value", async () => {
    const key = unique();
    await redis.set(key, "text");
    await expect(redis.incr(key)).rejects.toThrow(/not an integer/);
  });

  it("runs @upstash/ratelimit's sliding window exactly: 5 of 8 concurrent requests pass", async () => {
    const limiter = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(5, "60 s"), prefix: unique() });
    const results = await Promise.all(Array.from({ length: 8 }, () => limiter.limit("tenant-a")));
    expect(results.filter((r) => r.success)).toHaveLength(5);
    expect(results.map((r) => r.limit)).toEqual(Array(8).fill(5));
    // Another identifier has its own budget.
    expect((await limiter.limit("tenant-b")).success).toBe(true);
  });

  it.runIf(realServer)("runs @upstash/ratelimit's token bucket", async () => {
    const limiter = new Ratelimit({ redis, limiter: Ratelimit.tokenBucket(1, "60 s", 3), prefix: unique() });
    const outcomes: boolean[] = [];
    for (let i = 0; i < 4; i++) outcomes.push((await limiter.limit("k")).success);
    expect(outcomes).toEqual([true, true, true, false]);
  });
});
