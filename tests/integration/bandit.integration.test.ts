import { describe, expect, it, vi } from "vitest";

// The route reads the validated env at import; the secret must be in place before any import runs.
const CRON_SECRET = vi.hoisted(() => {
  const secret = `cron-test-${Math.random().toString(36).slice(2)}-secret`;
  process.env.CRON_SECRET = secret;
  return secret;
});

import { GET } from "../../src/app/api/cron/reweight/route";
import { createCaller } from "../../src/server/api/root";
import { createContext } from "../../src/server/api/trpc";
import { authorizeCron } from "../../src/server/bandit/cron-auth";
import { reweightExperiments } from "../../src/server/bandit/reweight-experiments";
import { getExperimentConfig } from "../../src/server/cache/experiment-config";
import { getDb } from "../../src/server/db";
import { getRedis } from "../../src/server/redis";
import { BANDIT_EARLY_FLOOR, BANDIT_FLOOR_HALF_BUYERS, BANDIT_LATE_FLOOR, BANDIT_WEIGHT_SCALE } from "../../src/server/stats";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";

interface Arm {
  key: string;
  views: number;
  buyers: number;
  price: number;
}

async function createBandit(tenantId: string, metric: "revenue" | "conversion", arms: Arm[], status = "running") {
  return getDb().experiment.create({
    data: {
      tenantId,
      key: `bandit-${Math.random().toString(36).slice(2, 10)}`,
      name: "Bandit test",
      status,
      banditMetric: metric,
      variants: {
        create: arms.map((a, position) => ({
          key: a.key,
          name: a.key,
          price: a.price.toFixed(2),
          weight: 50,
          isControl: position === 0,
          position,
          metrics: {
            create: {
              views: a.views,
              conversions: a.buyers,
              convertingVisitors: a.buyers,
              revenue: (a.buyers * a.price).toFixed(2),
              revenueSumSquares: (a.buyers * a.price * a.price).toFixed(4),
            },
          },
        })),
      },
    },
    include: { variants: { orderBy: { position: "asc" } } },
  });
}

const cron = (authorization?: string) => GET(new Request("http://localhost/api/cron/reweight", { headers: authorization ? { authorization } : {} }));

async function weightsOf(experimentId: string) {
  const rows = await getDb().variant.findMany({ where: { experimentId }, orderBy: { position: "asc" } });
  return rows.map((v) => v.weight);
}

describe("GET /api/cron/reweight", () => {
  it("answers 401 without the secret or with a wrong one, and changes nothing", async () => {
    const { tenant } = await createTestTenant("cron-401");
    const exp = await createBandit(tenant.id, "conversion", [
      { key: "a", views: 1000, buyers: 20, price: 10 },
      { key: "b", views: 1000, buyers: 60, price: 10 },
    ]);
    for (const auth of [undefined, `Bearer ${CRON_SECRET}x`, CRON_SECRET, "Bearer "]) {
      const res = await cron(auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: "UNAUTHORIZED" });
    }
    expect(await weightsOf(exp.id)).toEqual([50, 50]);
    expect(await getDb().banditReweight.count({ where: { experimentId: exp.id } })).toBe(0);
  });

  it("with the secret, reweights bandits whose prices all have 30 buyers and leaves the others alone", async () => {
    const { tenant, user } = await createTestTenant("cron-ok", "member");
    const ready = await createBandit(tenant.id, "conversion", [
      { key: "low", views: 2000, buyers: 40, price: 10 },
      { key: "high", views: 2000, buyers: 120, price: 10 },
      { key: "mid", views: 2000, buyers: 60, price: 10 },
    ]);
    const waiting = await createBandit(tenant.id, "conversion", [
      { key: "a", views: 1000, buyers: 40, price: 10 },
      { key: "b", views: 5000, buyers: 29, price: 10 },
    ]);
    const paused = await createBandit(
      tenant.id,
      "conversion",
      [
        { key: "a", views: 1000, buyers: 20, price: 10 },
        { key: "b", views: 1000, buyers: 60, price: 10 },
      ],
      "paused",
    );
    // Warm the assignment config cache, so the test shows the reweight reaches it.
    const deps = { db: getDb(), redis: getRedis() };
    expect((await getExperimentConfig(deps, tenant.id, ready.key))?.variants.map((v) => v.weight)).toEqual([50, 50, 50]);

    const res = await cron(`Bearer ${CRON_SECRET}`);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { experiments: { experimentId: string; reweighted: boolean; reason?: string }[] };
    expect(summary.experiments.find((e) => e.experimentId === ready.id)).toMatchObject({ reweighted: true });
    expect(summary.experiments.find((e) => e.experimentId === waiting.id)?.reason).toMatch(/30 buyers/);
    expect(summary.experiments.some((e) => e.experimentId === paused.id)).toBe(false);

    const weights = await weightsOf(ready.id);
    expect(weights.reduce((a, b) => a + b, 0)).toBe(BANDIT_WEIGHT_SCALE);
    // "high" converts at 6% vs 2% and 3%: it takes nearly everything; "low" sits on the exploration
    // floor, still high this early (40 buyers in the smallest arm).
    const floor = BANDIT_LATE_FLOOR + ((BANDIT_EARLY_FLOOR - BANDIT_LATE_FLOOR) * BANDIT_FLOOR_HALF_BUYERS) / (BANDIT_FLOOR_HALF_BUYERS + 40);
    expect(Math.abs((weights[0] ?? 0) - floor * BANDIT_WEIGHT_SCALE)).toBeLessThanOrEqual(1);
    expect(weights[1]).toBeGreaterThanOrEqual(Math.floor((1 - 2 * floor) * BANDIT_WEIGHT_SCALE) - 1);
    expect(Math.min(...weights)).toBeGreaterThanOrEqual(BANDIT_WEIGHT_SCALE / 100);

    const stored = await getDb().banditReweight.findMany({ where: { experimentId: ready.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]?.metric).toBe("conversion");
    expect(stored[0]?.weights).toEqual({ low: weights[0], high: weights[1], mid: weights[2] });
    expect(stored[0]?.inputs).toMatchObject({
      arms: [
        { key: "low", visitors: 2000, convertingVisitors: 40, previousWeight: 50 },
        { key: "high", visitors: 2000, convertingVisitors: 120, previousWeight: 50 },
        { key: "mid", visitors: 2000, convertingVisitors: 60, previousWeight: 50 },
      ],
    });
    expect((await getExperimentConfig(deps, tenant.id, ready.key))?.variants.map((v) => v.weight)).toEqual(weights);

    expect(await weightsOf(waiting.id)).toEqual([50, 50]);
    expect(await weightsOf(paused.id)).toEqual([50, 50]);
    expect(await getDb().banditReweight.count({ where: { experimentId: { in: [waiting.id, paused.id] } } })).toBe(0);

    const caller = createCaller(await createContext({ headers: new Headers({ cookie: await sessionCookie(user.id) }), requestId: "test-bandit" }));
    const history = await caller.experiments.reweightHistory({ id: ready.id });
    expect(history).toEqual([
      { createdAt: stored[0]?.createdAt.toISOString(), metric: "conversion", weights: { low: weights[0], high: weights[1], mid: weights[2] } },
    ]);
    const results = await caller.experiments.results({ id: ready.id });
    expect(results.bandit).toEqual({ metric: "conversion", lastReweightAt: stored[0]?.createdAt.toISOString() });
    // This test's visitors came before weight periods were recorded and the weights changed since:
    // the split cannot be checked, and the results say so instead of raising a false alarm.
    expect(results.srm).toMatchObject({ flagged: false, pValue: 1 });
    expect(results.srm.skippedReason).toMatch(/weights changed/);
    expect(results.srm.periods.map((p) => p.source)).toEqual(["bandit"]);
  });
});

describe("reweightExperiments (service)", () => {
  it("reweights a revenue bandit deterministically within the hour", async () => {
    const { tenant } = await createTestTenant("bandit-revenue");
    const exp = await createBandit(tenant.id, "revenue", [
      { key: "cheap", views: 1500, buyers: 60, price: 10 },
      { key: "dear", views: 1500, buyers: 55, price: 20 },
    ]);
    const deps = { db: getDb(), redis: getRedis() };
    const at = (iso: string) => ({ ...deps, now: () => new Date(iso) });
    const first = await reweightExperiments(at("2031-01-01T10:05:00Z"), { tenantId: tenant.id });
    expect(first).toMatchObject({ checked: 1, reweighted: 1, skipped: 0, failed: 0 });
    const mine = first.experiments.find((e) => e.experimentId === exp.id);
    expect(mine?.reweighted).toBe(true);
    const weights = await weightsOf(exp.id);
    expect(weights[1]).toBeGreaterThan(weights[0] ?? 0);

    // A duplicated run in the same hour computes the same weights from the same data.
    await reweightExperiments(at("2031-01-01T10:55:00Z"), { tenantId: tenant.id });
    expect(await weightsOf(exp.id)).toEqual(weights);
    const rows = await getDb().banditReweight.findMany({ where: { experimentId: exp.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.weights)).toEqual([
      { cheap: weights[0], dear: weights[1] },
      { cheap: weights[0], dear: weights[1] },
    ]);
  });
});

describe("authorizeCron", () => {
  it("refuses everything when no secret is configured, and accepts only the exact bearer secret", () => {
    expect(authorizeCron(`Bearer ${CRON_SECRET}`, undefined)).toBe("not-configured");
    expect(authorizeCron(null, undefined)).toBe("not-configured");
    expect(authorizeCron(`Bearer ${CRON_SECRET}`, CRON_SECRET)).toBe("ok");
    expect(authorizeCron(`Bearer ${CRON_SECRET.slice(0, -1)}`, CRON_SECRET)).toBe("unauthorized");
    expect(authorizeCron(`Basic ${CRON_SECRET}`, CRON_SECRET)).toBe("unauthorized");
  });
});
