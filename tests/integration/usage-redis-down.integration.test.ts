import { describe, expect, it } from "vitest";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { freePort } from "../../src/server/db/embedded-postgres";
import { getDb } from "../../src/server/db";
import { counterValue } from "../../src/server/lib/logger";
import { RATE_LIMITS } from "../../src/server/rate-limit/policy";
import { connectRedisUrl } from "../../src/server/redis";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { bearer, callTrpc } from "../helpers/trpc-http";

// Redis is down for this whole file (it runs in its own process).
(globalThis as { __poRedis?: unknown }).__poRedis = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);

describe("usage with Redis down (documented choice: admit, count later)", () => {
  it("admits new visitors uncounted (logged and counted), and the dashboard shows the last rolled-up usage", async () => {
    const { tenant, user } = await createTestTenant("usage-down");
    await getDb().tenant.update({ where: { id: tenant.id }, data: { usageLimit: 1, currentUsage: 7 } });
    const exp = await createPriceExperiment(tenant.id);
    const before = counterValue("usage.unmetered");
    const answers = [];
    for (const v of ["d1", "d2", "d3"]) answers.push(await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: v }));
    // Checkout and the experiment go on: nobody is refused because the counter cannot be read.
    expect(answers.every((a) => a.inExperiment && a.reason === "assigned")).toBe(true);
    expect(counterValue("usage.unmetered") - before).toBe(3);
    expect(await getDb().assignment.count({ where: { experimentId: exp.id } })).toBe(3);
    const usage = await callTrpc("settings.usage", undefined, { cookie: await sessionCookie(user.id) });
    expect(usage.data).toMatchObject({ currentUsage: 7, usageLimit: 1 });
  });

  it("still rate limits API keys, in process", async () => {
    const { tenant } = await createTestTenant("rl-down-key");
    const exp = await createPriceExperiment(tenant.id);
    const key = await createTestApiKey(tenant.id, "publishable");
    const r = await callTrpc("assignment.assign", { experimentKey: exp.key, visitorId: "k1" }, bearer(key));
    expect(r.status).toBe(200);
    expect(r.headers.get("x-ratelimit-limit")).toBe(String(RATE_LIMITS.apiKey.free.tokens));
  });
});
