import { afterEach, describe, expect, it } from "vitest";
import { POST as restPOST } from "../../src/app/api/v1/[...trpc]/route";
import { env } from "../../src/env";
import { useLimitRedisForTests } from "../../src/server/auth/resilient-limit";
import { applyPlan } from "../../src/server/billing/apply-plan";
import { freePort } from "../../src/server/db/embedded-postgres";
import { counterValue } from "../../src/server/lib/logger";
import { connectRedisUrl } from "../../src/server/redis";
import { RATE_LIMITS } from "../../src/server/rate-limit/policy";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { bearer, callTrpc } from "../helpers/trpc-http";

if (!process.env.REDIS_URL) console.warn("[tests] rate limits SKIPPED on real Redis: REDIS_URL is not set (they run on the in-process one)");

afterEach(() => useLimitRedisForTests(undefined));

/** Waits for the start of the next second, so a burst falls into one 1-second window. */
async function atWindowStart(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}

interface Answer {
  status: number;
  headers: Headers;
  appCode?: string | null;
}

async function viaTrpc(key: string, experimentKey: string, visitorId: string): Promise<Answer> {
  const r = await callTrpc("assignment.assign", { experimentKey, visitorId }, bearer(key));
  return { status: r.status, headers: r.headers, appCode: r.error?.data.appCode ?? null };
}

async function viaRest(key: string, experimentKey: string, visitorId: string): Promise<Answer> {
  const res = await restPOST(
    new Request("http://localhost/api/v1/assign", {
      method: "POST",
      headers: { ...bearer(key), "content-type": "application/json" },
      body: JSON.stringify({ experimentKey, visitorId }),
    }),
  );
  const body = (await res.json()) as { code?: string; data?: { appCode?: string } };
  return { status: res.status, headers: res.headers, appCode: body.data?.appCode ?? null };
}

async function freeTenantWithKey(label: string) {
  const { tenant, user } = await createTestTenant(label);
  const exp = await createPriceExperiment(tenant.id);
  const key = await createTestApiKey(tenant.id, "publishable");
  return { tenant, user, exp, key };
}

/** `tokens` calls in one window all pass with counting-down headers; the next is refused with Retry-After. */
async function expectLimitAt(tokens: number, call: (i: number) => Promise<Answer>) {
  await atWindowStart();
  const burst = await Promise.all(Array.from({ length: tokens }, (_, i) => call(i)));
  const over = await call(tokens);
  expect(burst.map((a) => a.status)).toEqual(Array<number>(tokens).fill(200));
  expect(burst.every((a) => a.headers.get("x-ratelimit-limit") === String(tokens))).toBe(true);
  expect(burst.map((a) => Number(a.headers.get("x-ratelimit-remaining"))).sort((a, b) => a - b)).toEqual(Array.from({ length: tokens }, (_, i) => i));
  expect(over.status).toBe(429);
  expect(over.appCode).toBe("RATE_LIMITED");
  expect(over.headers.get("x-ratelimit-remaining")).toBe("0");
  expect(over.headers.get("x-ratelimit-limit")).toBe(String(tokens));
  const retryAfter = Number(over.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(2);
  expect(Number(over.headers.get("x-ratelimit-reset"))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
}

describe("API keys are rate limited by plan", () => {
  const tokens = RATE_LIMITS.apiKey.free.tokens;

  it("over tRPC: the free plan's requests per second pass, the next is 429 with Retry-After and X-RateLimit-*", async () => {
    const { exp, key } = await freeTenantWithKey("rl-trpc");
    await viaTrpc(key, exp.key, "warm-up"); // the first call loads code; keep it out of the window
    await new Promise((r) => setTimeout(r, 1100));
    await expectLimitAt(tokens, (i) => viaTrpc(key, exp.key, `v${i}`));
  });

  it("over REST (/api/v1): the same limit and the same headers", async () => {
    const { exp, key } = await freeTenantWithKey("rl-rest");
    await viaRest(key, exp.key, "warm-up");
    await new Promise((r) => setTimeout(r, 1100));
    await expectLimitAt(tokens, (i) => viaRest(key, exp.key, `v${i}`));
  });

  it("counts per key: another key of the same tenant is not affected, and an upgrade raises the limit at once", async () => {
    const { tenant, exp, key } = await freeTenantWithKey("rl-per-key");
    const other = await createTestApiKey(tenant.id, "secret");
    await atWindowStart();
    await Promise.all(Array.from({ length: tokens + 1 }, (_, i) => viaTrpc(key, exp.key, `x${i}`)));
    expect((await viaTrpc(other, exp.key, "other")).status).toBe(200);
    await applyPlan(deps(), env, tenant.id, "test", { plan: "pro" });
    const after = await viaTrpc(other, exp.key, "after-upgrade");
    expect(after.headers.get("x-ratelimit-limit")).toBe(String(env.PRO_TIER_RATE_LIMIT));
  });

  it("with Redis down, keeps the same limit in process (logged and counted), never letting everything through", async () => {
    const down = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);
    useLimitRedisForTests(down);
    const { exp, key } = await freeTenantWithKey("rl-down");
    await viaTrpc(key, exp.key, "warm-up");
    await new Promise((r) => setTimeout(r, 1100));
    const before = counterValue("rate_limit.local_fallback");
    await expectLimitAt(tokens, (i) => viaTrpc(key, exp.key, `d${i}`));
    expect(counterValue("rate_limit.local_fallback")).toBeGreaterThan(before);
  });
});

describe("dashboard mutations are rate limited per signed-in user", () => {
  it("refuses the mutation after DASHBOARD_RATE_LIMIT a minute with 429 RATE_LIMITED, and still answers reads", async () => {
    const { user } = await createTestTenant("rl-user");
    const cookie = { cookie: await sessionCookie(user.id) };
    const tokens = RATE_LIMITS.dashboardMutation.tokens;
    const answers = await Promise.all(Array.from({ length: tokens }, (_, i) => callTrpc("settings.update", { name: `n${i}` }, cookie)));
    expect(answers.map((a) => a.status)).toEqual(Array<number>(tokens).fill(200));
    const over = await callTrpc("settings.update", { name: "one too many" }, cookie);
    expect(over.status).toBe(429);
    expect(over.error?.data.appCode).toBe("RATE_LIMITED");
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await callTrpc("settings.get", undefined, cookie)).status).toBe(200);
  });
});
