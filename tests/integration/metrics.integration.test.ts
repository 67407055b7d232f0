import { describe, expect, it, vi } from "vitest";

const METRICS_TOKEN = vi.hoisted(() => {
  const token = `metrics-${Math.random().toString(36).slice(2)}-token`;
  process.env.METRICS_TOKEN = token;
  return token;
});

import { GET as health } from "../../src/app/api/health/route";
import { GET as rootHealth } from "../../src/app/health/route";
import { GET as metricsGET } from "../../src/app/api/metrics/route";
import { resetRedisBreaker } from "../../src/server/cache/fail-open";
import { getDb } from "../../src/server/db";
import { count } from "../../src/server/lib/logger";
import { getMetrics } from "../../src/server/metrics";
import { metricsResponse } from "../../src/server/metrics/metrics-response";
import { createTestApiKey, createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";
import { bearer, callTrpc } from "../helpers/trpc-http";

const scrape = (authorization?: string) =>
  metricsGET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of the sample `name{…labels…}` in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const given = Object.fromEntries([...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => given[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe("GET /health", () => {
  it("answers the guide's body, like /api/health", async () => {
    const [a, b] = [rootHealth(), health()];
    expect(a.status).toBe(200);
    const [bodyA, bodyB] = [(await a.json()) as Record<string, unknown>, (await b.json()) as Record<string, unknown>];
    expect(Object.keys(bodyA)).toEqual(["status", "timestamp", "version"]);
    expect(bodyA.status).toBe("ok");
    expect(bodyA.version).toBe(bodyB.version);
  });
});

describe("GET /api/metrics", () => {
  it("needs the bearer token, and is disabled when METRICS_TOKEN is unset", async () => {
    for (const auth of [undefined, "Bearer wrong-token-1234567", METRICS_TOKEN, `Basic ${METRICS_TOKEN}`]) {
      const res = await scrape(auth);
      expect(res.status, String(auth)).toBe(401);
      expect(await res.text()).not.toContain("pricing_");
    }
    const off = await metricsResponse(`Bearer ${METRICS_TOKEN}`, undefined, getMetrics, "req-metrics-off");
    expect(off.status).toBe(503);
    expect(((await off.json()) as { error: string }).error).toBe("METRICS_NOT_CONFIGURED");
  });

  it("reports latency and volume per procedure, errors by code, cache lookups, pool, fallbacks and the outbox", async () => {
    const before = await (await scrape(`Bearer ${METRICS_TOKEN}`)).text();
    const assignCount = (t: string) => sample(t, "pricing_request_duration_seconds_count", { procedure: "assignment.assign", type: "mutation" }) ?? 0;
    const notFound = (t: string) =>
      sample(t, "pricing_request_errors_total", {
        procedure: "assignment.assign",
        code: "NOT_FOUND",
        status: "404",
        app_code: "EXPERIMENT_NOT_FOUND",
      }) ?? 0;
    const lookups = (t: string, cache: string, layer: string, result: string) =>
      sample(t, "pricing_cache_lookups_total", { cache, layer, result }) ?? 0;

    const { tenant } = await createTestTenant("metrics");
    const key = await createTestApiKey(tenant.id);
    const exp = await createPriceExperiment(tenant.id);
    for (let i = 0; i < 3; i++) {
      const r = await callTrpc("assignment.assign", { experimentKey: exp.key, visitorId: "metrics-visitor" }, bearer(key));
      expect(r.status).toBe(200);
    }
    const missing = await callTrpc("assignment.assign", { experimentKey: "no-such-experiment", visitorId: "v" }, bearer(key));
    expect(missing.status).toBe(404);
    resetRedisBreaker();
    count("redis_failures", 2);
    await getDb().outboxMessage.create({
      data: { tenantId: tenant.id, topic: "test.metrics", payload: {}, createdAt: new Date(Date.now() - 90_000) },
    });

    const res = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const after = await res.text();
    expect(assignCount(after) - assignCount(before)).toBe(4);
    expect(notFound(after) - notFound(before)).toBe(1);
    expect(sample(after, "pricing_request_duration_seconds_bucket", { procedure: "assignment.assign", le: "+Inf" })).toBe(assignCount(after));
    // First call: misses in process; the next two find the assignment in process.
    expect(lookups(after, "assignment", "local", "hit") - lookups(before, "assignment", "local", "hit")).toBe(2);
    expect(lookups(after, "experiment_config", "local", "miss") - lookups(before, "experiment_config", "local", "miss")).toBeGreaterThanOrEqual(1);
    expect(
      (sample(after, "pricing_redis_fallbacks_total", { kind: "failure" }) ?? 0) -
        (sample(before, "pricing_redis_fallbacks_total", { kind: "failure" }) ?? 0),
    ).toBe(2);
    expect(sample(after, "pricing_db_pool_connections", { state: "max" })).toBe(10);
    expect(sample(after, "pricing_db_pool_connections", { state: "idle" })).toBeGreaterThanOrEqual(0);
    expect(sample(after, "pricing_db_pool_connections", { state: "waiting" })).toBe(0);
    expect(sample(after, "pricing_outbox_pending")).toBeGreaterThanOrEqual(1);
    expect(sample(after, "pricing_outbox_pending_by_topic", { topic: "test.metrics" })).toBe(1);
    expect(sample(after, "pricing_outbox_oldest_age_seconds")).toBeGreaterThanOrEqual(89);
    expect(sample(after, "pricing_process_resident_memory_bytes")).toBeGreaterThan(0);
    await getDb().outboxMessage.deleteMany({ where: { tenantId: tenant.id } });
  });
});
