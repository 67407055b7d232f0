/**
 * `npx tsx bench/results-bench.ts`: server-side latency of experiments.results
 * (computeResults) for an experiment with 1,000,000 assigned visitors.
 * The assignments rows exist, so a results path that scanned them would show
 * here; the aggregates in variant_metrics are computed from those same rows.
 * Uses DATABASE_URL (local servers only, already migrated); cleans up its tenant.
 */
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";

const VISITORS = 1_000_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WARMUP = 5;
const TARGET_MS = 100;

process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) process.env[name] ??= randomBytes(32).toString("hex");
const host = new URL(process.env.DATABASE_URL).hostname;
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
  throw new Error(`refusing to benchmark against a non-local database (${host})`);
}

// After the environment is in place: src/env validates it at import.
const { getDb } = await import("../src/server/db");
const { computeResults, buildResults } = await import("../src/server/results/compute-results");
const { loadExperimentMetrics } = await import("../src/server/results/load-experiment-metrics");

const db = getDb();

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function time(label: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const row = { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), max: samples.at(-1) ?? Number.NaN };
  console.log(`${label.padEnd(44)} p50 ${row.p50.toFixed(2).padStart(8)} ms   p95 ${row.p95.toFixed(2).padStart(8)} ms   max ${row.max.toFixed(2).padStart(8)} ms`);
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
          { key: "ten", name: "$10", price: "10.00", weight: 50, isControl: true, position: 0, metrics: { create: {} } },
          { key: "twelve", name: "$12", price: "12.00", weight: 50, position: 1, metrics: { create: {} } },
          { key: "fifteen", name: "$15", price: "15.00", weight: 50, position: 2, metrics: { create: {} } },
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
  await db.$executeRaw`
    UPDATE variant_metrics m SET
      views = a.views, converting_visitors = a.buyers, conversions = a.sales,
      revenue = a.revenue, revenue_sum_squares = a.squares
    FROM (
      SELECT variant_id, count(*)::int AS views, count(*) FILTER (WHERE conversions > 0)::int AS buyers,
        sum(conversions)::int AS sales, sum(revenue) AS revenue, sum(revenue * revenue) AS squares
      FROM assignments WHERE experiment_id = ${experiment.id}::uuid GROUP BY variant_id
    ) AS a
    WHERE m.variant_id = a.variant_id`;
  await db.$executeRawUnsafe("ANALYZE assignments");
  console.log(`seeded ${VISITORS.toLocaleString("en-US")} assignments and their aggregates in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return experiment.id;
}

const tenantId = (await db.tenant.create({ data: { name: `bench-results-${randomBytes(4).toString("hex")}` } })).id;
try {
  const experimentId = await seed(tenantId);
  const deps = { db };
  const results = await computeResults(deps, tenantId, experimentId);
  console.log(`variants: ${results.variants.map((v) => `${v.key} ${v.visitors} visitors, ${v.convertingVisitors} buyers`).join("; ")}`);
  console.log(`decision: ${results.decision.action} — ${results.decision.headline}\n`);

  const total = await time("computeResults (load + statistics)", () => computeResults(deps, tenantId, experimentId));
  await time("  of which: load aggregates (3 queries)", () => loadExperimentMetrics(db, tenantId, experimentId));
  const row = await loadExperimentMetrics(db, tenantId, experimentId);
  await time("  of which: statistics only (no I/O)", async () => buildResults(row, new Date()));
  await time("for comparison: aggregating assignments", () =>
    db.$queryRaw`SELECT variant_id, count(*), sum(revenue * revenue) FROM assignments WHERE experiment_id = ${experimentId}::uuid GROUP BY variant_id`,
  );
  console.log(`\ntarget p95 < ${TARGET_MS} ms: ${total.p95 < TARGET_MS ? "met" : "NOT met"}`);
} finally {
  await db.tenant.delete({ where: { id: tenantId } });
  await db.$disconnect();
}
