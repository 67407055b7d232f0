/**
 * `npx tsx bench/results-bench.ts`: server-side latency of experiments.results
 * (computeResults) for an experiment with 1,000,000 assigned visitors.
 * The assignments rows exist, so a results path that scanned them would show
 * here; the aggregates in variant_metrics are computed from those same rows.
 * Runs in a scratch database on DATABASE_URL's server (local servers only),
 * migrated to the current schema and dropped at the end, so it never depends on
 * or leaves anything in a shared database.
 */
import "../scripts/server-only/register.mjs";
import { randomBytes } from "node:crypto";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { migrateDeploy } from "../src/server/db/migrate";
import { pgConfigFromUrl } from "../src/server/db/pg-config";

const VISITORS = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const TARGET_MS = 100;

const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const host = new URL(serverUrl).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  throw new Error(`refusing to benchmark against a non-local database (${host})`);
}
for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) process.env[name] ??= randomBytes(32).toString("hex");

async function admin(sql: string) {
  const client = new pg.Client(pgConfigFromUrl(serverUrl));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const scratchName = `po_bench_results_${Date.now().toString(36)}`;
const scratch = new URL(serverUrl);
scratch.pathname = `/${scratchName}`;
await admin(`CREATE DATABASE "${scratchName}"`);
const dropScratch = () => admin(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
try {
  await migrateDeploy(scratch.toString());
} catch (error) {
  await dropScratch();
  throw error;
}
process.env.DATABASE_URL = scratch.toString();

// After the environment is in place: src/env validates it at import.
const { getDb } = await import("../src/server/db");
const { computeResults, buildResults } = await import("../src/server/results/compute-results");
const { loadExperimentMetrics } = await import("../src/server/results/load-experiment-metrics");
const { METRIC_SHARDS } = await import("../src/server/experiments/metric-shards");

const db = getDb();

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  // CPU time of this process alongside wall time: on a busy machine wall time
  // includes waiting for a core, CPU time is what the work itself costs.
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  const row = { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: samples.at(-1) ?? Number.NaN };
  const cpuMs = (cpu.user + cpu.system) / 1000 / RUNS;
  console.log(
    `${label.padEnd(40)} p50 ${row.p50.toFixed(2).padStart(7)} ms  p95 ${row.p95.toFixed(2).padStart(7)} ms  max ${row.max.toFixed(2).padStart(7)} ms  cpu/run ${cpuMs.toFixed(2).padStart(6)} ms`,
  );
  return row;
}

async function seed(tenantId: string) {
  const experiment = await db.experiment.create({
    data: {
      tenantId,
      key: "bench-results",
      name: "Results benchmark",
      status: "running",
      unitCost: "3.00",
      variants: {
        create: [
          { key: "ten", name: "$10", price: "10.00", weight: 50, isControl: true, position: 0 },
          { key: "twelve", name: "$12", price: "12.00", weight: 50, position: 1 },
          { key: "fifteen", name: "$15", price: "15.00", weight: 50, position: 2 },
        ],
      },
    },
    include: { variants: { orderBy: { position: "asc" } } },
  });
  const ids = experiment.variants.map((v) => v.id);
  const started = performance.now();
  // Visitor g gets arm g % 3; a fixed pseudo-random draw decides who buys (5%, 4.5%, 3.5%) and who buys twice.
  await db.$executeRaw`
    INSERT INTO assignments (experiment_id, variant_id, visitor_id, conversions, revenue)
    SELECT ${experiment.id}::uuid, (${ids}::uuid[])[arm + 1], 'bench-' || g, buys, buys * (ARRAY[10, 12, 15])[arm + 1]
    FROM (
      SELECT g, g % 3 AS arm,
        CASE WHEN (g * 7919) % 1000 < 3 THEN 2
             WHEN (g * 7919) % 1000 < (ARRAY[50, 45, 35])[g % 3 + 1] THEN 1
             ELSE 0 END AS buys
      FROM generate_series(0::bigint, ${VISITORS - 1}) AS g
    ) AS visitors`;
  // Counters are sharded in production (METRIC_SHARDS rows per variant); spread them the same way.
  await db.$executeRaw`
    INSERT INTO variant_metrics (variant_id, shard, views, converting_visitors, conversions, revenue, revenue_sum_squares)
    SELECT variant_id, shard, count(*)::int, count(*) FILTER (WHERE conversions > 0)::int,
      sum(conversions)::int, sum(revenue), sum(revenue * revenue)
    FROM (SELECT *, abs(hashtext(visitor_id)) % ${METRIC_SHARDS} AS shard FROM assignments WHERE experiment_id = ${experiment.id}::uuid) AS a
    GROUP BY variant_id, shard`;
  await db.$executeRawUnsafe("ANALYZE assignments");
  console.log(
    `seeded ${VISITORS.toLocaleString("en-US")} assignments and their aggregates in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return experiment.id;
}

try {
  const tenantId = (await db.tenant.create({ data: { name: `bench-results-${randomBytes(4).toString("hex")}` } })).id;
  const experimentId = await seed(tenantId);
  const deps = { db };
  const results = await computeResults(deps, tenantId, experimentId);
  console.log(`variants: ${results.variants.map((v) => `${v.key} ${v.visitors} visitors, ${v.convertingVisitors} buyers`).join("; ")}`);
  console.log(`decision: ${results.decision.action} — ${results.decision.headline}\n`);

  const total = await time("computeResults (load + statistics)", () => computeResults(deps, tenantId, experimentId));
  await time("  of which: load aggregates", () => loadExperimentMetrics(db, tenantId, experimentId));
  const row = await loadExperimentMetrics(db, tenantId, experimentId);
  await time("  of which: statistics only (no I/O)", async () => buildResults(row, new Date()));
  await time(
    "for comparison: aggregating assignments",
    () =>
      db.$queryRaw`SELECT variant_id, count(*), sum(revenue * revenue) FROM assignments WHERE experiment_id = ${experimentId}::uuid GROUP BY variant_id`,
  );
  const load = (loadavg()[0] ?? 0).toFixed(2);
  console.log(
    `\ntarget p95 < ${TARGET_MS} ms: ${total.p95 < TARGET_MS ? "met" : "NOT met"} (load average ${load} on ${availableParallelism()} cores)`,
  );
} finally {
  // Dropping the scratch database removes the tenant and its million rows in one step.
  await db.$disconnect();
  await dropScratch();
}
