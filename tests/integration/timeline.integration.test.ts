import { describe, expect, it, vi } from "vitest";

// The cron route reads the validated env at import; the secret must be in place before any import runs.
const CRON_SECRET = vi.hoisted(() => {
  const secret = `cron-timeline-${Math.random().toString(36).slice(2)}-secret`;
  process.env.CRON_SECRET = secret;
  return secret;
});

import { TRPCError } from "@trpc/server";
import { GET as cronGET } from "../../src/app/api/cron/reweight/route";
import { createCaller } from "../../src/server/api/root";
import { createContext } from "../../src/server/api/trpc";
import { getDb } from "../../src/server/db";
import { transitionExperiment } from "../../src/server/experiments/transition-experiment";
import { takeSnapshots } from "../../src/server/snapshots/take-snapshots";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";

interface Shard {
  shard: number;
  views: number;
  convertingVisitors: number;
  conversions: number;
  revenue: string;
}

/** Replaces a variant's shard rows with these. */
async function setShards(experimentId: string, variantKey: string, shards: Shard[]) {
  const db = getDb();
  const variant = await db.variant.findFirstOrThrow({ where: { experimentId, key: variantKey } });
  await db.variantMetric.deleteMany({ where: { variantId: variant.id } });
  await db.variantMetric.createMany({ data: shards.map((s) => ({ variantId: variant.id, ...s })) });
}

/** The snapshot rows of one moment, by variant key, as plain values. */
async function snapshotsAt(experimentId: string, at: Date) {
  const rows = await getDb().metricSnapshot.findMany({ where: { experimentId, takenAt: at }, include: { variant: { select: { key: true } } } });
  return Object.fromEntries(
    rows.map((r) => [
      r.variant.key,
      { visitors: r.visitors, convertingVisitors: r.convertingVisitors, conversions: r.conversions, revenue: r.revenue.toFixed(2) },
    ]),
  );
}

const zero = { visitors: 0, convertingVisitors: 0, conversions: 0, revenue: "0.00" };
const at = (iso: string) => new Date(iso);

async function callerFor(userId: string) {
  return createCaller(await createContext({ headers: new Headers({ cookie: await sessionCookie(userId) }), requestId: "test-timeline" }));
}

describe("takeSnapshots", () => {
  it("stores each variant's totals summed over its shards, zeros for a variant without traffic", async () => {
    const { tenant } = await createTestTenant("snap-sum");
    const exp = await createPriceExperiment(tenant.id);
    await setShards(exp.id, "control", [
      { shard: 0, views: 10, convertingVisitors: 2, conversions: 3, revenue: "57.00" },
      { shard: 3, views: 7, convertingVisitors: 1, conversions: 1, revenue: "19.00" },
      { shard: 15, views: 5, convertingVisitors: 0, conversions: 0, revenue: "0.00" },
    ]);
    await setShards(exp.id, "mid", [
      { shard: 1, views: 4, convertingVisitors: 1, conversions: 2, revenue: "48.01" },
      { shard: 9, views: 6, convertingVisitors: 2, conversions: 2, revenue: "47.99" },
    ]);
    await setShards(exp.id, "high", []);

    const when = at("2031-03-01T10:00:00Z");
    expect(await takeSnapshots(getDb(), { experimentIds: [exp.id] }, when)).toEqual({ experiments: 1, rows: 3 });
    expect(await snapshotsAt(exp.id, when)).toEqual({
      control: { visitors: 22, convertingVisitors: 3, conversions: 4, revenue: "76.00" },
      mid: { visitors: 10, convertingVisitors: 3, conversions: 4, revenue: "96.00" },
      high: zero,
    });
  });

  it("without ids, snapshots running experiments and leaves drafts and paused ones alone", async () => {
    const { tenant } = await createTestTenant("snap-running");
    const running = await createPriceExperiment(tenant.id);
    const draft = await createPriceExperiment(tenant.id, { draft: true });
    const paused = await createPriceExperiment(tenant.id);
    await transitionExperiment(deps(), tenant.id, "test", { id: paused.id, action: "pause" });

    // A moment no other test uses, so concurrent runs of the cron cannot be confused with this one.
    const when = new Date(Date.UTC(2032, 0, 1) + Math.floor(Math.random() * 1e9));
    const summary = await takeSnapshots(getDb(), {}, when);
    expect(summary.experiments).toBeGreaterThanOrEqual(1);
    expect(summary.rows).toBeGreaterThanOrEqual(3);
    expect(await snapshotsAt(running.id, when)).toEqual({ control: zero, mid: zero, high: zero });
    expect(await snapshotsAt(draft.id, when)).toEqual({});
    expect(await snapshotsAt(paused.id, when)).toEqual({});
  });

  it("runs from the hourly cron after the reweight and reports its counts", async () => {
    const { tenant } = await createTestTenant("snap-cron");
    const running = await createPriceExperiment(tenant.id);
    await setShards(running.id, "high", [{ shard: 2, views: 3, convertingVisitors: 1, conversions: 1, revenue: "29.00" }]);
    const before = new Date();

    const res = await cronGET(new Request("http://localhost/api/cron/reweight", { headers: { authorization: `Bearer ${CRON_SECRET}` } }));
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { checked: number; snapshots: { experiments: number; rows: number } };
    expect(summary.checked).toBeGreaterThanOrEqual(0);
    expect(summary.snapshots.experiments).toBeGreaterThanOrEqual(1);
    expect(summary.snapshots.rows).toBeGreaterThanOrEqual(3);

    const rows = await getDb().metricSnapshot.findMany({ where: { experimentId: running.id, takenAt: { gte: before } }, include: { variant: true } });
    expect(rows.map((r) => [r.variant.key, r.visitors, r.revenue.toFixed(2)]).sort()).toEqual([
      ["control", 0, "0.00"],
      ["high", 3, "29.00"],
      ["mid", 0, "0.00"],
    ]);

    const unauthorized = await cronGET(new Request("http://localhost/api/cron/reweight"));
    expect(unauthorized.status).toBe(401);
    expect(await getDb().metricSnapshot.count({ where: { experimentId: running.id } })).toBe(rows.length + 3);
  });
});

describe("lifecycle transitions and experiments.timeline", () => {
  it("start writes a zero point, pause and complete a final one; the timeline returns them in time order and ends with the live totals", async () => {
    const { tenant, user } = await createTestTenant("timeline", "member");
    const d = deps();
    const t0 = at("2024-05-01T09:00:00Z");
    const t1 = at("2024-05-01T10:00:00Z");
    const t2 = at("2024-05-01T11:00:00Z");
    const t3 = at("2024-05-01T11:30:00Z");
    const t4 = at("2024-05-01T12:00:00Z");
    const draft = await createPriceExperiment(tenant.id, { draft: true });
    await transitionExperiment(d, tenant.id, "test", { id: draft.id, action: "start" }, t0);
    expect(await snapshotsAt(draft.id, t0)).toEqual({ control: zero, mid: zero, high: zero });

    await setShards(draft.id, "control", [{ shard: 4, views: 100, convertingVisitors: 5, conversions: 6, revenue: "114.00" }]);
    await setShards(draft.id, "mid", [
      { shard: 0, views: 50, convertingVisitors: 2, conversions: 2, revenue: "48.00" },
      { shard: 11, views: 50, convertingVisitors: 2, conversions: 2, revenue: "48.00" },
    ]);
    // Written out of order: the timeline orders by the moment, not by insertion.
    await takeSnapshots(d.db, { experimentIds: [draft.id] }, t2);
    await setShards(draft.id, "control", [{ shard: 4, views: 40, convertingVisitors: 2, conversions: 2, revenue: "38.00" }]);
    await takeSnapshots(d.db, { experimentIds: [draft.id] }, t1);
    await setShards(draft.id, "control", [{ shard: 4, views: 200, convertingVisitors: 10, conversions: 12, revenue: "228.00" }]);

    await transitionExperiment(d, tenant.id, "test", { id: draft.id, action: "pause" }, t3);
    expect((await snapshotsAt(draft.id, t3)).control).toEqual({ visitors: 200, convertingVisitors: 10, conversions: 12, revenue: "228.00" });
    await transitionExperiment(d, tenant.id, "test", { id: draft.id, action: "resume" }, t4);
    expect(await snapshotsAt(draft.id, t4)).toEqual({});
    await setShards(draft.id, "control", [{ shard: 4, views: 250, convertingVisitors: 10, conversions: 12, revenue: "228.00" }]);
    const t5 = at("2024-05-01T13:00:00Z");
    await transitionExperiment(d, tenant.id, "test", { id: draft.id, action: "complete", winningVariantKey: "control" }, t5);
    expect((await snapshotsAt(draft.id, t5)).control).toMatchObject({ visitors: 250 });

    await setShards(draft.id, "high", [{ shard: 1, views: 8, convertingVisitors: 1, conversions: 1, revenue: "29.00" }]);
    const before = Date.now();
    const timeline = await (await callerFor(user.id)).experiments.timeline({ id: draft.id });
    const after = Date.now();

    expect(timeline.variants.map((v) => [v.key, v.isControl])).toEqual([
      ["control", true],
      ["mid", false],
      ["high", false],
    ]);
    const [control, mid, high] = timeline.variants;
    const moments = [t0, t1, t2, t3, t5];
    expect(control?.points.slice(0, -1)).toEqual([
      { at: t0, visitors: 0, revenuePerVisitor: null, conversionRate: null },
      { at: t1, visitors: 40, revenuePerVisitor: 38 / 40, conversionRate: 2 / 40 },
      { at: t2, visitors: 100, revenuePerVisitor: 114 / 100, conversionRate: 5 / 100 },
      { at: t3, visitors: 200, revenuePerVisitor: 228 / 200, conversionRate: 10 / 200 },
      { at: t5, visitors: 250, revenuePerVisitor: 228 / 250, conversionRate: 10 / 250 },
    ]);
    expect(mid?.points.map((p) => p.visitors)).toEqual([0, 100, 100, 100, 100, 100]);
    expect(mid?.points[1]).toEqual({ at: t1, visitors: 100, revenuePerVisitor: 0.96, conversionRate: 0.04 });
    for (const v of timeline.variants) expect(v.points.slice(0, -1).map((p) => p.at)).toEqual(moments);

    // The live point: now, from the shards as they are (high gained traffic after the last snapshot).
    const live = high?.points.at(-1);
    expect(live?.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(live?.at.getTime()).toBeLessThanOrEqual(after);
    expect(live).toMatchObject({ visitors: 8, revenuePerVisitor: 29 / 8, conversionRate: 1 / 8 });
    expect(high?.points.slice(0, -1).map((p) => p.visitors)).toEqual([0, 0, 0, 0, 0]);
  });

  it("thins a long history evenly, keeping the first and the last moment", async () => {
    const { tenant, user } = await createTestTenant("timeline-long", "member");
    const exp = await createPriceExperiment(tenant.id, { draft: true });
    const variants = await getDb().variant.findMany({ where: { experimentId: exp.id } });
    const hour = 3_600_000;
    const first = Date.UTC(2023, 0, 1);
    const moments = 1_200;
    await getDb().metricSnapshot.createMany({
      data: variants.flatMap((v) =>
        Array.from({ length: moments }, (_, i) => ({
          experimentId: exp.id,
          variantId: v.id,
          takenAt: new Date(first + i * hour),
          visitors: i,
          convertingVisitors: 0,
          conversions: 0,
          revenue: "0.00",
        })),
      ),
    });
    const timeline = await (await callerFor(user.id)).experiments.timeline({ id: exp.id });
    const control = timeline.variants[0]?.points ?? [];
    // Every third moment of 1,200 (0, 3, …, 1,197), then the last stored one (1,199), then now.
    expect(control).toHaveLength(402);
    expect(control.slice(0, 3).map((p) => p.visitors)).toEqual([0, 3, 6]);
    expect(control.slice(-3, -1).map((p) => [p.at, p.visitors])).toEqual([
      [new Date(first + 1_197 * hour), 1_197],
      [new Date(first + 1_199 * hour), 1_199],
    ]);
    for (const v of timeline.variants) expect(v.points).toHaveLength(402);
  });

  it("answers a draft with the live point alone", async () => {
    const { tenant, user } = await createTestTenant("timeline-draft", "member");
    const draft = await createPriceExperiment(tenant.id, { draft: true });
    const timeline = await (await callerFor(user.id)).experiments.timeline({ id: draft.id });
    expect(timeline.variants.map((v) => v.points.map((p) => p.visitors))).toEqual([[0], [0], [0]]);
  });

  it("answers NOT_FOUND for another tenant's experiment exactly as for a missing one, and writes nothing", async () => {
    const owner = await createTestTenant("timeline-owner");
    const other = await createTestTenant("timeline-other", "member");
    const exp = await createPriceExperiment(owner.tenant.id);
    const count = () => getDb().metricSnapshot.count({ where: { experimentId: exp.id } });
    const rowsBefore = await count();
    const caller = await callerFor(other.user.id);

    const foreign = await caller.experiments.timeline({ id: exp.id }).catch((e: unknown) => e);
    const missing = await caller.experiments.timeline({ id: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    for (const error of [foreign, missing]) {
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("NOT_FOUND");
      expect((error as TRPCError).message).toBe("No experiment with this id.");
    }
    expect(await count()).toBe(rowsBefore);
  });
});
