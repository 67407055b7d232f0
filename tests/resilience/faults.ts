import { randomUUID } from "node:crypto";
import { checkConsistency } from "./consistency";
import type { SuiteContext } from "./context";
import { type Answer, send, sleep, trpc, trpcErrorOf } from "./http";

type Kind = "returning" | "new" | "track";
interface Shot {
  kind: Kind;
  startedAt: number;
  answer: Answer;
  input: Record<string, unknown>;
}

const assignNew = (ctx: SuiteContext, visitorId = `fresh-${randomUUID()}`) =>
  trpc(ctx.base, "assignment.assign", "mutation", { experimentKey: ctx.experiments.traffic.key, visitorId }, ctx.pk, 30_000);

/** Steady mixed traffic (returning visitors, new visitors, conversions) until `ms` have passed. */
async function traffic(ctx: SuiteContext, returning: string[], ms: number, concurrency = 12): Promise<Shot[]> {
  const shots: Shot[] = [];
  const start = performance.now();
  const exp = ctx.experiments.traffic.key;
  let n = 0;
  const worker = async () => {
    while (performance.now() - start < ms) {
      const i = n++;
      const kind: Kind = i % 10 < 4 ? "returning" : i % 10 < 7 ? "new" : "track";
      const visitorId = kind === "new" ? `t-${randomUUID()}` : (returning[i % returning.length] as string);
      const input =
        kind === "track"
          ? { experimentKey: exp, visitorId, type: "conversion", revenue: "3.50", idempotencyKey: `fault-${randomUUID()}` }
          : { experimentKey: exp, visitorId };
      const startedAt = performance.now();
      const answer = await trpc(ctx.base, kind === "track" ? "events.track" : "assignment.assign", "mutation", input, ctx.pk, 60_000);
      shots.push({ kind, startedAt, answer, input });
      await sleep(20);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return shots;
}

/** Seconds from `since` until a new visitor is assigned again (the database path works end to end). */
async function recovery(ctx: SuiteContext, since: number): Promise<number> {
  for (;;) {
    const a = await assignNew(ctx);
    if (a.status === 200) return (performance.now() - since) / 1000;
    if (performance.now() - since > 60_000) return Number.POSITIVE_INFINITY;
    await sleep(100);
  }
}

const unavailable = (a: Answer) =>
  a.status === 503 && trpcErrorOf(a)?.data?.appCode === "DATABASE_UNAVAILABLE" && Number(a.headers.get("retry-after")) > 0;

function describe(a: Answer | undefined): string {
  if (!a) return "none";
  return `${a.status} ${a.failed ?? trpcErrorOf(a)?.data?.appCode ?? ""} ${trpcErrorOf(a)?.message ?? a.text.slice(0, 160)} (${Math.round(a.ms)} ms)`;
}

async function readyAnswer(ctx: SuiteContext) {
  const a = await send(`${ctx.base}/api/ready`, { timeoutMs: 10_000 });
  const leaks = /error|ECONN|refused|127\.0\.0\.1|timeout|terminated|reach/i.test(a.text) || a.text.includes(String(ctx.pg.port));
  return { answer: a, status: (a.json as { status?: string } | undefined)?.status, leaks };
}

/** Tracks refused during an outage are safe to resend with the same idempotency key once it is over. */
async function resendRefusedTracks(ctx: SuiteContext, shots: Shot[], fault: string) {
  const refused = shots.filter((s) => s.kind === "track" && s.answer.status !== 200);
  const again = await Promise.all(refused.map((s) => trpc(ctx.base, "events.track", "mutation", s.input, ctx.pk)));
  const bad = again.filter((a) => a.status !== 200);
  ctx.checks.ok(bad.length === 0, `${fault}: the ${refused.length} refused conversions are accepted when resent after recovery`, () =>
    describe(bad[0]),
  );
  return refused.length;
}

async function consistent(ctx: SuiteContext, fault: string) {
  const c = await checkConsistency(ctx.sql, ctx.tenantId);
  ctx.checks.ok(c.problems.length === 0, `${fault}: nothing half-written (variant_metrics = assignments and processed events)`, () =>
    c.problems.join("; "),
  );
  ctx.report.totals.push(
    `after ${fault}: ${c.variants.reduce((s, v) => s + v.assignments, 0)} assignments, ${c.conversions} conversions = ${c.events} processed events, counters consistent: ${c.problems.length === 0}`,
  );
}

/**
 * Item 1 of the issue: PostgreSQL down before the server's first hot-path
 * statement must not leave the hot path failing after it is back.
 */
export async function outageBeforeFirstRequest(ctx: SuiteContext) {
  const { checks } = ctx;
  // The key and the configuration are cached before the outage (a draft experiment's
  // answer needs no hot-path statement; the running one's configuration is put in
  // Redis), so the outage's first request reaches the hot path's first statement.
  await ctx.cacheConfig(ctx.experiments.traffic.key);
  const warm = await trpc(ctx.base, "assignment.assign", "mutation", { experimentKey: ctx.experiments.draft.key, visitorId: "warm" }, ctx.pk);
  checks.ok(warm.status === 200, "cold outage: the API key is verified before the outage", () => describe(warm));
  await ctx.pg.stop();
  const refused = await assignNew(ctx);
  checks.ok(unavailable(refused), "cold outage: a new visitor gets 503 DATABASE_UNAVAILABLE with Retry-After", () => describe(refused));
  checks.ok(refused.ms < 2_000, "cold outage: answered fast while PostgreSQL is stopped", () => `${Math.round(refused.ms)} ms`);
  const ready = await readyAnswer(ctx);
  checks.ok(ready.answer.status === 503 && ready.status === "unavailable", "cold outage: /api/ready is 503 unavailable", () => ready.answer.text);
  checks.ok(!ready.leaks, "cold outage: /api/ready shows no error text, host or port", () => ready.answer.text);
  await ctx.pg.start();
  const since = performance.now();
  const seconds = await recovery(ctx, since);
  checks.ok(seconds < 10, "cold outage: new visitors are assigned again within 10 s of PostgreSQL's restart", () => `${seconds} s`);
  ctx.report.faults.push("PostgreSQL stopped before the server's first hot-path statement, then restarted");
  ctx.report.recoveries.push({ fault: "PostgreSQL down at first hot-path statement → restarted", seconds });
  ctx.report.cases.push({ name: "fault: PostgreSQL down at the server's first hot-path statement (item 1)", requests: 4 });
}

export async function redisOutage(ctx: SuiteContext, returning: string[]) {
  const { checks } = ctx;
  const running = traffic(ctx, returning, 12_000);
  await sleep(3_000);
  await ctx.redis.stop();
  await sleep(1_500);
  const ready = await readyAnswer(ctx);
  checks.ok(ready.answer.status === 200 && ready.status === "degraded", "Redis down: /api/ready is 200 degraded (item 7)", () => ready.answer.text);
  checks.ok(!ready.leaks, "Redis down: /api/ready shows no error text, host or port (item 7)", () => ready.answer.text);
  await sleep(2_500);
  await ctx.redis.start();
  const restartedAt = performance.now();
  const shots = await running;
  const failed = shots.filter((s) => s.answer.status !== 200);
  checks.ok(
    failed.length === 0,
    `Redis stopped and restarted mid-traffic: all ${shots.length} requests succeed`,
    () => `${failed.length} failed, e.g. ${describe(failed[0]?.answer)}`,
  );
  const lateSlow = shots.filter((s) => s.startedAt > restartedAt + 3_000 && s.answer.ms > 1_000);
  checks.ok(lateSlow.length === 0, "Redis restarted: requests are fast again within 3 s", () => `${lateSlow.length} slow`);
  ctx.report.faults.push(`Redis stopped for 4 s and restarted under traffic (${shots.length} requests, ${failed.length} failed)`);
  ctx.report.cases.push({ name: "fault: Redis stop/restart mid-traffic", requests: shots.length + 1 });
  await consistent(ctx, "Redis outage");
}

export async function postgresStopped(ctx: SuiteContext, returning: string[]) {
  const { checks } = ctx;
  const t0 = performance.now();
  const running = traffic(ctx, returning, 20_000);
  await sleep(3_000);
  const stopIssued = performance.now() - t0;
  await ctx.pg.stop();
  const stopped = performance.now() - t0;
  await sleep(1_000);
  const ready = await readyAnswer(ctx);
  checks.ok(ready.answer.status === 503 && !ready.leaks, "PostgreSQL stopped: /api/ready is 503 without error text", () => ready.answer.text);
  // Longer than the API key's 10 s cache, so returning visitors rely on the stale-if-down copy.
  await sleep(12_000 - (performance.now() - t0 - stopped));
  const startIssued = performance.now() - t0;
  await ctx.pg.start();
  const started = performance.now();
  const seconds = await recovery(ctx, started);
  const shots = await running;
  const ret = shots.filter((s) => s.kind === "returning");
  const retFailed = ret.filter((s) => s.answer.status !== 200);
  checks.ok(
    retFailed.length === 0,
    `PostgreSQL stopped: all ${ret.length} returning visitors keep their price`,
    () => `${retFailed.length} failed, e.g. ${describe(retFailed[0]?.answer)}`,
  );
  const others = shots.filter((s) => s.kind !== "returning");
  const wrong = others.filter((s) => s.answer.status !== 200 && !unavailable(s.answer));
  checks.ok(
    wrong.length === 0,
    "PostgreSQL stopped: new visitors and conversions get 200 or 503 DATABASE_UNAVAILABLE with Retry-After, nothing else",
    () => `${wrong.length}, e.g. ${describe(wrong[0]?.answer)}`,
  );
  const during = others.filter((s) => s.startedAt - t0 > stopped + 500 && s.startedAt - t0 < startIssued);
  const refused = during.filter((s) => unavailable(s.answer));
  checks.ok(
    during.length > 0 && refused.length === during.length,
    "PostgreSQL stopped: every new visitor and conversion during the outage is refused with 503",
    () => `${refused.length}/${during.length}`,
  );
  const slowest = Math.max(0, ...refused.map((s) => s.answer.ms));
  checks.ok(slowest < 1_500, "PostgreSQL stopped: the 503s are fast", () => `slowest ${Math.round(slowest)} ms`);
  const outside = others.filter((s) => s.startedAt - t0 < stopIssued - 200 || s.startedAt > started + (seconds + 1) * 1000);
  const outsideFailed = outside.filter((s) => s.answer.status !== 200);
  checks.ok(
    outsideFailed.length === 0,
    "PostgreSQL stopped: everything before the outage and after recovery succeeds",
    () => `${outsideFailed.length}, e.g. ${describe(outsideFailed[0]?.answer)}`,
  );
  checks.ok(seconds < 10, "PostgreSQL restarted: new visitors recover within 10 s", () => `${seconds} s`);
  ctx.report.faults.push(
    `PostgreSQL stopped for ${((startIssued - stopIssued) / 1000).toFixed(1)} s under traffic (${refused.length} fast 503s, slowest ${Math.round(slowest)} ms; ${ret.length} returning visitors all served)`,
  );
  ctx.report.recoveries.push({ fault: "PostgreSQL stopped → restarted", seconds });
  const resent = await resendRefusedTracks(ctx, shots, "PostgreSQL stop");
  ctx.report.cases.push({ name: "fault: PostgreSQL stop/restart mid-traffic", requests: shots.length + resent + 1 });
  await consistent(ctx, "PostgreSQL stop");
}

export async function postgresFrozen(ctx: SuiteContext, returning: string[]) {
  const { checks } = ctx;
  const bound = 2 * (ctx.timeouts.queryMs + 1_000) + 1_000;
  const t0 = performance.now();
  const running = traffic(ctx, returning, 16_000);
  await sleep(3_000);
  ctx.pg.freeze();
  const frozenAt = performance.now() - t0;
  await sleep(8_000);
  ctx.pg.thaw();
  const thawed = performance.now();
  const seconds = await recovery(ctx, thawed);
  const shots = await running;
  const hung = shots.filter((s) => s.answer.status === 0 || s.answer.ms > bound);
  checks.ok(
    hung.length === 0,
    `PostgreSQL frozen: every request answers within ${bound} ms (timeouts ${ctx.timeouts.connectMs}/${ctx.timeouts.queryMs} ms), none hangs`,
    () => `${hung.length}, e.g. ${describe(hung[0]?.answer)}`,
  );
  const ret = shots.filter((s) => s.kind === "returning");
  const retFailed = ret.filter((s) => s.answer.status !== 200);
  checks.ok(
    retFailed.length === 0,
    `PostgreSQL frozen: all ${ret.length} returning visitors keep their price`,
    () => `${retFailed.length}, e.g. ${describe(retFailed[0]?.answer)}`,
  );
  const others = shots.filter((s) => s.kind !== "returning");
  const wrong = others.filter((s) => s.answer.status !== 200 && !unavailable(s.answer));
  checks.ok(
    wrong.length === 0,
    "PostgreSQL frozen: others get 200 or 503 DATABASE_UNAVAILABLE with Retry-After",
    () => `${wrong.length}, e.g. ${describe(wrong[0]?.answer)}`,
  );
  const refused = others.filter((s) => unavailable(s.answer));
  checks.ok(refused.length > 0, "PostgreSQL frozen: requests that need it are refused with 503 instead of waiting", () => "none refused");
  const slowest = Math.max(0, ...shots.map((s) => s.answer.ms));
  checks.ok(seconds < 10, "PostgreSQL thawed: new visitors recover within 10 s", () => `${seconds} s`);
  ctx.report.faults.push(
    `PostgreSQL frozen (SIGSTOP) for 8 s at t=${(frozenAt / 1000).toFixed(1)} s under traffic (${refused.length} 503s, slowest answer ${Math.round(slowest)} ms, bound ${bound} ms)`,
  );
  ctx.report.recoveries.push({ fault: "PostgreSQL frozen → SIGCONT", seconds });
  const resent = await resendRefusedTracks(ctx, shots, "PostgreSQL freeze");
  ctx.report.cases.push({ name: "fault: PostgreSQL frozen with SIGSTOP mid-traffic", requests: shots.length + resent });
  await consistent(ctx, "PostgreSQL freeze");
}
