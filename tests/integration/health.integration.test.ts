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
    expect(body.checks.map((c) => [c.name, c.ok])).toEqual([["database", true], ["redis", true]]);
  });

  it("names the database when PostgreSQL is unreachable", async () => {
    const deadDb = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/nothing`, 1);
    const result = await checkReadiness({ db: () => deadDb, redis: getRedis }, 3000);
    expect(result.ready).toBe(false);
    expect(result.failed).toEqual(["database"]);
  });

  it("names Redis when Redis is unreachable", async () => {
    const deadRedis = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);
    const result = await checkReadiness({ db: getDb, redis: () => deadRedis }, 3000);
    expect(result.ready).toBe(false);
    expect(result.failed).toEqual(["redis"]);
  });
});
