import { describe, expect, it } from "vitest";
import pkg from "../../package.json" with { type: "json" };
import { GET as health } from "../../src/app/api/health/route";
import { GET as ready } from "../../src/app/api/ready/route";
import { createDb, getDb } from "../../src/server/db";
import { freePort } from "../../src/server/db/embedded-postgres";
import { checkReadiness } from "../../src/server/health/check-readiness";
import { connectRedisUrl, getRedis } from "../../src/server/redis";

describe("GET /api/health", () => {
  it("answers exactly status, an ISO timestamp and the package version", async () => {
    const res = health();
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["status", "timestamp", "version"]);
    expect(body.status).toBe("ok");
    expect(body.version).toBe(pkg.version);
    expect(new Date(String(body.timestamp)).toISOString()).toBe(body.timestamp);
  });
});

describe("GET /api/ready", () => {
  it("is ready when the database and Redis answer", async () => {
    const res = await ready();
    const body = (await res.json()) as { status: string; checks: { name: string; ok: boolean }[]; failOpen: Record<string, number> };
    expect(res.status).toBe(200);
    expect(body.status).toBe("ready");
    expect(body.failOpen).toEqual({ redisFailures: 0, redisSkipped: 0 });
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([
      ["database", true],
      ["redis", true],
    ]);
  });

  it("names the database when PostgreSQL is unreachable", async () => {
    const deadDb = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/nothing`, 1);
    const result = await checkReadiness({ db: () => deadDb, redis: getRedis }, 3000);
    expect(result.ready).toBe(false);
    expect(result.failed).toEqual(["database"]);
  });

  it("stays ready, degraded, naming Redis when only Redis is unreachable (Redis is a fail-open cache)", async () => {
    const deadRedis = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);
    const result = await checkReadiness({ db: getDb, redis: () => deadRedis }, 3000);
    expect(result.ready).toBe(true);
    expect(result.degraded).toBe(true);
    expect(result.failed).toEqual(["redis"]);
  });
});

describe("GET /api/ready with a dependency down", () => {
  // The route reads the process's one client of each; swapped for a dead one for one call.
  const globals = globalThis as { __poDb?: unknown; __poRedis?: unknown };

  async function readyWith(swap: { db?: unknown; redis?: unknown }) {
    getDb();
    getRedis();
    const saved = { db: globals.__poDb, redis: globals.__poRedis };
    if (swap.db) globals.__poDb = swap.db;
    if (swap.redis) globals.__poRedis = swap.redis;
    try {
      const res = await ready();
      return { status: res.status, text: await res.text() };
    } finally {
      if (swap.db) globals.__poDb = saved.db;
      if (swap.redis) globals.__poRedis = saved.redis;
    }
  }

  it("answers 200 degraded when Redis is down, with statuses and no error text", async () => {
    const port = await freePort();
    const res = await readyWith({ redis: connectRedisUrl(`redis://127.0.0.1:${port}`) });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { status: string; failed: string[]; checks: Record<string, unknown>[] };
    expect(body.status).toBe("degraded");
    expect(body.failed).toEqual(["redis"]);
    expect(body.checks.map((c) => Object.keys(c).sort())).toEqual([
      ["latencyMs", "name", "ok"],
      ["latencyMs", "name", "ok"],
    ]);
    expect(res.text).not.toContain(String(port));
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|error/i);
  });

  it("answers 503 when PostgreSQL is down, without hosts, ports or driver messages", async () => {
    const port = await freePort();
    const deadDb = createDb(`postgresql://postgres@127.0.0.1:${port}/nothing`, 1);
    const res = await readyWith({ db: deadDb });
    expect(res.status).toBe(503);
    const body = JSON.parse(res.text) as { status: string; failed: string[] };
    expect(body.status).toBe("unavailable");
    expect(body.failed).toEqual(["database"]);
    expect(res.text).not.toContain(String(port));
    expect(res.text).not.toMatch(/reach|ECONNREFUSED|127\.0\.0\.1|nothing/i);
    await deadDb.$disconnect();
  });
});
