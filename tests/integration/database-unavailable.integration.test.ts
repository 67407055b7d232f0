import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgRelay } from "../helpers/pg-relay";

// This file's app talks to PostgreSQL through a relay that can refuse or freeze,
// with short timeouts; set before the app's modules (and src/env) are loaded.
const relay = await pgRelay(new URL(process.env.DATABASE_URL!));
process.env.DATABASE_URL = relay.url;
process.env.DATABASE_CONNECT_TIMEOUT_MS = "1000";
process.env.DATABASE_QUERY_TIMEOUT_MS = "1000";

const { POST: restPost } = await import("../../src/app/api/v1/[...trpc]/route");
const { verifyApiKey } = await import("../../src/server/api-keys/verify-api-key");
const { getExperimentConfig } = await import("../../src/server/cache/experiment-config");
const { getDb } = await import("../../src/server/db");
const { createTestApiKey, createTestTenant } = await import("../helpers/fixtures");
const { createPriceExperiment } = await import("../helpers/experiments");
const { bearer, callTrpc, describeResponse } = await import("../helpers/trpc-http");
const { Redis } = await import("@upstash/redis");
const { createIoredisRequester } = await import("../../src/server/redis/ioredis-requester");
const { default: RedisMock } = await import("ioredis-mock");

let apiKey: string;
let tenantId: string;
let experiment: { id: string; key: string };

beforeAll(async () => {
  const { tenant } = await createTestTenant("db-down");
  tenantId = tenant.id;
  apiKey = await createTestApiKey(tenant.id, "publishable");
  experiment = await createPriceExperiment(tenant.id);
});

afterAll(async () => {
  relay.thaw();
  await relay.reopen();
});

const assign = (visitorId: string) => callTrpc("assignment.assign", { experimentKey: experiment.key, visitorId }, bearer(apiKey));
const restAssign = (visitorId: string) =>
  restPost(
    new Request("http://localhost/api/v1/assign", {
      method: "POST",
      headers: { ...bearer(apiKey), "content-type": "application/json" },
      body: JSON.stringify({ experimentKey: experiment.key, visitorId }),
    }),
  );

describe("PostgreSQL refusing connections (stopped)", () => {
  it("serves returning visitors from the cache, answers the rest 503 DATABASE_UNAVAILABLE with Retry-After on both transports, and recovers", async () => {
    const returning = await assign("returning-1");
    expect(returning.status, describeResponse(returning)).toBe(200);
    await relay.refuse();
    try {
      const again = await assign("returning-1");
      expect(again.status, describeResponse(again)).toBe(200);
      expect(again.data).toEqual({ ...(returning.data as object), reason: "returning" });

      const fresh = await assign("new-during-outage");
      expect({ status: fresh.status, code: fresh.error?.data.code, appCode: fresh.error?.data.appCode }, describeResponse(fresh)).toEqual({
        status: 503,
        code: "SERVICE_UNAVAILABLE",
        appCode: "DATABASE_UNAVAILABLE",
      });
      expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(0);

      const track = await callTrpc(
        "events.track",
        { experimentKey: experiment.key, visitorId: "returning-1", type: "conversion", revenue: "1.00" },
        bearer(apiKey),
      );
      expect([track.status, track.error?.data.appCode]).toEqual([503, "DATABASE_UNAVAILABLE"]);

      const rest = await restAssign("new-rest-during-outage");
      const body = JSON.parse(await rest.text()) as { data?: { appCode?: string } };
      expect([rest.status, body.data?.appCode, Number(rest.headers.get("retry-after")) > 0]).toEqual([503, "DATABASE_UNAVAILABLE", true]);
    } finally {
      await relay.reopen();
    }
    const after = await assign("new-after-outage");
    expect(after.status, describeResponse(after)).toBe(200);
  });
});

describe("PostgreSQL frozen (accepting, never answering)", () => {
  it("answers 503 within the configured timeouts instead of hanging, and recovers after it thaws", async () => {
    relay.freeze();
    let elapsed = 0;
    try {
      const started = performance.now();
      const fresh = await assign("new-during-freeze");
      elapsed = performance.now() - started;
      expect([fresh.status, fresh.error?.data.appCode], describeResponse(fresh)).toEqual([503, "DATABASE_UNAVAILABLE"]);
    } finally {
      relay.thaw();
    }
    // connect 1 s, or a statement 1 s + the client's 1 s margin; never the length of the freeze.
    expect(elapsed).toBeLessThan(4_000);
    const after = await assign("new-after-freeze");
    expect(after.status, describeResponse(after)).toBe(200);
  });
});

describe("PostgreSQL frozen: after the first timeout, statements stop waiting", () => {
  it("refuses new visitors at once while a probe finds no answer, still serves returning visitors, and lets statements through as soon as it thaws", async () => {
    const returning = await assign("returning-gate");
    expect(returning.status, describeResponse(returning)).toBe(200);
    relay.freeze();
    const refusedMs: number[] = [];
    try {
      // The first statement waits for its timeout; that timeout shuts the gate.
      const first = await assign("new-gate-0");
      expect([first.status, first.error?.data.appCode], describeResponse(first)).toEqual([503, "DATABASE_UNAVAILABLE"]);
      for (let i = 1; i <= 3; i++) {
        const started = performance.now();
        const fresh = await assign(`new-gate-${i}`);
        refusedMs.push(performance.now() - started);
        expect([fresh.status, fresh.error?.data.appCode], describeResponse(fresh)).toEqual([503, "DATABASE_UNAVAILABLE"]);
        expect(Number(fresh.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      const again = await assign("returning-gate");
      expect([again.status, again.data], describeResponse(again)).toEqual([200, { ...(returning.data as object), reason: "returning" }]);
    } finally {
      relay.thaw();
    }
    // Each waited on the gate, not on the database: the connect and statement timeouts are 1 s each.
    expect(Math.max(...refusedMs)).toBeLessThan(1_000);
    const after = await assign("new-after-gate");
    expect(after.status, describeResponse(after)).toBe(200);
  });
});

describe("what a returning visitor needs from the database while it is down", () => {
  it("an API key verified before the outage keeps working past its 10 s cache, for up to 15 minutes", async () => {
    const now = Date.now();
    expect(await verifyApiKey(getDb(), apiKey, now)).toMatchObject({ tenantId });
    await relay.refuse();
    try {
      expect(await verifyApiKey(getDb(), apiKey, now + 60_000)).toMatchObject({ tenantId });
      await expect(verifyApiKey(getDb(), apiKey, now + 16 * 60_000)).rejects.toThrow();
    } finally {
      await relay.reopen();
    }
  });

  it("an experiment's configuration seen before the outage keeps serving when Redis has no copy", async () => {
    const emptyRedis = new Redis(createIoredisRequester(new RedisMock()));
    const deps = { db: getDb(), redis: emptyRedis };
    const now = Date.now();
    const config = await getExperimentConfig(deps, tenantId, experiment.key, now);
    await relay.refuse();
    try {
      await emptyRedis.flushall();
      expect(await getExperimentConfig(deps, tenantId, experiment.key, now + 60_000)).toEqual(config);
    } finally {
      await relay.reopen();
    }
  });
});
