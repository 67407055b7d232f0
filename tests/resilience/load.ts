import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf";
import { checkConsistency } from "./consistency";
import type { SuiteContext } from "./context";
import { runPool, seededRandom, trpc, trpcDataOf, trpcErrorOf } from "./http";

interface AssignOut {
  variantKey: string;
  price: string;
  reason: string;
}
interface TrackOut {
  counted: boolean;
  duplicate: boolean;
}

const ALPHA = 0.001;

/**
 * 10,000 conversions from 1,000 visitors at high concurrency, 10% of them sent
 * twice with the same order id: every total in the database is exact.
 */
export async function conversionsAreExact(ctx: SuiteContext) {
  const { checks } = ctx;
  const exp = ctx.experiments.conversions;
  const rand = seededRandom(ctx.seed ^ 0x5eed);
  const visitors = Array.from({ length: 1_000 }, (_, i) => `conv-${ctx.seed}-${i}`);
  const assigned = await runPool(visitors, ctx.concurrency, (visitorId) =>
    trpc(ctx.base, "assignment.assign", "mutation", { experimentKey: exp.key, visitorId }, ctx.pk),
  );
  const variantOf = new Map<string, string>();
  assigned.forEach((a, i) => {
    const out = trpcDataOf<AssignOut>(a);
    if (out) variantOf.set(visitors[i] as string, out.variantKey);
  });
  checks.equal(variantOf.size, visitors.length, "load: every one of 1,000 visitors assigned");

  const orders = visitors.flatMap((visitorId, i) =>
    Array.from({ length: 10 }, (_, j) => ({ visitorId, key: `ord-${ctx.seed}-${i}-${j}`, cents: 100 + Math.floor(rand() * 9_900) })),
  );
  const resends = Array.from({ length: 1_000 }, () => orders[Math.floor(rand() * orders.length)] as (typeof orders)[number]);
  const sends = [...orders, ...resends];
  for (let i = sends.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [sends[i], sends[j]] = [sends[j] as (typeof sends)[number], sends[i] as (typeof sends)[number]];
  }
  const started = performance.now();
  const answers = await runPool(sends, ctx.concurrency, (o) =>
    trpc(
      ctx.base,
      "events.track",
      "mutation",
      { experimentKey: exp.key, visitorId: o.visitorId, type: "conversion", revenue: (o.cents / 100).toFixed(2), idempotencyKey: o.key },
      ctx.pk,
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const outs = answers.map((a) => trpcDataOf<TrackOut>(a));
  const failed = answers.filter((a) => a.status !== 200);
  checks.ok(
    failed.length === 0,
    "load: all 11,000 track requests answered 200",
    () =>
      `${failed.length} failed, e.g. ${failed[0]?.status} ${failed[0]?.failed ?? trpcErrorOf(failed[0]!)?.message ?? failed[0]?.text.slice(0, 200)}`,
  );
  checks.equal(outs.filter((o) => o?.counted).length, 10_000, "load: exactly 10,000 conversions counted");
  checks.equal(outs.filter((o) => o?.duplicate).length, 1_000, "load: exactly 1,000 resends acknowledged as duplicates");

  // Expected per variant, from what each visitor was assigned.
  const expected = new Map<string, { conversions: number; cents: number; converting: number }>();
  for (const v of visitors) {
    const variant = variantOf.get(v) ?? "?";
    const e = expected.get(variant) ?? { conversions: 0, cents: 0, converting: 0 };
    e.converting += 1;
    expected.set(variant, e);
  }
  for (const o of orders) {
    const e = expected.get(variantOf.get(o.visitorId) ?? "?");
    if (e) {
      e.conversions += 1;
      e.cents += o.cents;
    }
  }
  const consistency = await checkConsistency(ctx.sql, ctx.tenantId);
  checks.ok(consistency.problems.length === 0, "load: counters consistent with rows", () => consistency.problems.join("; "));
  for (const row of consistency.variants.filter((r) => r.experiment === exp.key)) {
    const e = expected.get(row.variant) ?? { conversions: 0, cents: 0, converting: 0 };
    checks.equal(
      [row.metricConversions, row.metricRevenueCents, row.metricConverting],
      [e.conversions, e.cents, e.converting],
      `load: ${row.variant}'s conversions, revenue (cents) and converting visitors in variant_metrics`,
    );
  }
  const events = await ctx.sql.query<{ n: number }>("SELECT count(*)::int AS n FROM processed_events WHERE experiment_id = $1::uuid", [exp.id]);
  checks.equal(events.rows[0]?.n, 10_000, "load: 10,000 processed events (resends stored once)");
  const totalCents = orders.reduce((s, o) => s + o.cents, 0);
  ctx.report.cases.push({ name: "load: 10,000 conversions + 1,000 resends from 1,000 visitors", requests: visitors.length + sends.length });
  ctx.report.totals.push(
    `conversions: 10,000 counted, 1,000 duplicates, revenue ${(totalCents / 100).toFixed(2)} exact per variant (${Math.round(sends.length / seconds)} track/s at ${ctx.concurrency}-way)`,
  );
}

/** 5,000 concurrent new visitors (each asked for twice at once): one assignment each, split per the weights. */
export async function newVisitorsSplitByWeight(ctx: SuiteContext) {
  const { checks } = ctx;
  const exp = ctx.experiments.split;
  // Ids like real ones (random, from the seed); with a fresh seed a correct split fails this test with probability ALPHA.
  const rand = seededRandom(ctx.seed ^ 0x5b1e7);
  const visitors = Array.from({ length: 5_000 }, () => `v-${Math.floor(rand() * 2 ** 52).toString(16)}${Math.floor(rand() * 2 ** 20).toString(16)}`);
  const requests = visitors.flatMap((v) => [v, v]);
  const started = performance.now();
  const answers = await runPool(requests, ctx.concurrency, (visitorId) =>
    trpc(ctx.base, "assignment.assign", "mutation", { experimentKey: exp.key, visitorId }, ctx.pk),
  );
  const seconds = (performance.now() - started) / 1000;
  const failed = answers.filter((a) => a.status !== 200);
  checks.ok(
    failed.length === 0,
    "split: all 10,000 assign requests answered 200",
    () => `${failed.length} failed, e.g. ${failed[0]?.status} ${failed[0]?.text.slice(0, 200)}`,
  );
  const seen = new Map<string, string>();
  let disagreements = 0;
  answers.forEach((a, i) => {
    const key = trpcDataOf<AssignOut>(a)?.variantKey;
    const visitor = requests[i] as string;
    if (!key) return;
    const before = seen.get(visitor);
    if (before && before !== key) disagreements++;
    seen.set(visitor, key);
  });
  checks.equal(disagreements, 0, "split: both concurrent requests of a visitor got the same variant");
  const rows = await ctx.sql.query<{ n: number; distinct_visitors: number }>(
    "SELECT count(*)::int AS n, count(DISTINCT visitor_id)::int AS distinct_visitors FROM assignments WHERE experiment_id = $1::uuid",
    [exp.id],
  );
  checks.equal(rows.rows[0], { n: 5_000, distinct_visitors: 5_000 }, "split: exactly one stored assignment per visitor");

  const consistency = await checkConsistency(ctx.sql, ctx.tenantId);
  const mine = consistency.variants.filter((r) => r.experiment === exp.key);
  const observed = exp.variants.map((v) => mine.find((r) => r.variant === v.key)?.assignments ?? 0);
  const answered = exp.variants.map((v) => [...seen.values()].filter((k) => k === v.key).length);
  checks.equal(observed, answered, "split: stored assignments per variant equal the answers");
  checks.equal(
    mine.map((r) => r.views),
    observed,
    "split: views counted once per visitor",
  );
  const totalWeight = exp.variants.reduce((s, v) => s + v.weight, 0);
  const chi2 = exp.variants.reduce((s, v, i) => {
    const e = (5_000 * v.weight) / totalWeight;
    return s + ((observed[i] ?? 0) - e) ** 2 / e;
  }, 0);
  const p = 1 - chisquareCdf(chi2, exp.variants.length - 1);
  checks.ok(
    p > ALPHA,
    `split: chi-square against weights ${exp.variants.map((v) => v.weight).join("/")} passes at alpha ${ALPHA}`,
    () => `chi2 ${chi2.toFixed(2)}, p ${p}`,
  );
  ctx.report.cases.push({ name: "load: 5,000 new visitors, each asked for twice concurrently", requests: requests.length });
  ctx.report.totals.push(
    `split: ${observed.join("/")} of 5,000 for weights ${exp.variants.map((v) => v.weight).join("/")}, chi2 ${chi2.toFixed(2)} (p ${p.toFixed(3)} > ${ALPHA}), ${Math.round(requests.length / seconds)} assign/s`,
  );
}
