/**
 * `npm run bench`: throughput and latency of the hot path against the production
 * build on real PostgreSQL and Redis, each as a ratio to /api/health in the same run.
 * Uses DATABASE_URL / REDIS_URL (local servers only), defaulting to this machine's.
 */
import "../scripts/server-only/register.mjs";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import autocannon from "autocannon";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
// BENCH_URL measures a server that is already running (e.g. one started under a profiler).
const EXTERNAL = process.env.BENCH_URL;
const BASE = EXTERNAL ?? `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) process.env[name] ??= randomBytes(32).toString("hex");
// The bench measures the hot path, not the limiter: its pro tenant's rate limit and monthly
// usage are raised out of reach (the limiter and the usage check still run on every request).
process.env.PRO_TIER_RATE_LIMIT ??= "1000000";
process.env.PRO_TIER_LIMIT ??= "1000000000";

const host = new URL(process.env.DATABASE_URL).hostname;
if (!["127.0.0.1", "localhost", "::1"].includes(host)) throw new Error(`refusing to benchmark against a non-local database (${host})`);

function run(cmd: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: "inherit", env: process.env });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited ${code}`))));
  });
}

async function waitFor(url: string, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

const wire = (input: unknown) => JSON.stringify({ json: input });

interface Row {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

interface Sample {
  requests: number;
  seconds: number;
  errors: number;
  times: number[];
}

function runOnce(opts: autocannon.Options, seconds: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon({ duration: seconds, connections: CONNECTIONS, ...opts }, (error, result) => {
      if (error) return reject(error);
      resolve({ requests: result.requests.total, seconds: result.duration, errors: result.errors + result.timeouts + result.non2xx, times });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

const ROUNDS = 3;

/**
 * The machines are shared and noisy, so scenarios are interleaved: after a
 * warm-up of each (JIT, lazily loaded route code), ROUNDS rounds run every
 * scenario once, and each row aggregates its rounds. A burst of noise then hits
 * all rows alike instead of one. Percentiles are exact, from every response time.
 */
async function measureAll(scenarios: { name: string; opts: autocannon.Options }[]): Promise<Row[]> {
  for (const s of scenarios) await runOnce(s.opts, 2);
  const samples: Sample[][] = scenarios.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of scenarios.entries()) samples[i]?.push(await runOnce(s.opts, DURATION / ROUNDS));
  }
  return scenarios.map((s, i) => {
    const all = samples[i] ?? [];
    const times = all.flatMap((x) => x.times).sort((a, b) => a - b);
    const requests = all.reduce((a, x) => a + x.requests, 0);
    const seconds = all.reduce((a, x) => a + x.seconds, 0);
    return {
      name: s.name,
      rps: requests / seconds,
      p50: quantile(times, 0.5),
      p95: quantile(times, 0.95),
      p99: quantile(times, 0.99),
      errors: all.reduce((a, x) => a + x.errors, 0),
    };
  });
}

async function main() {
  if (!EXTERNAL && (!existsSync(".next/BUILD_ID") || process.env.BENCH_BUILD === "1")) await run("npm", ["run", "build"]);
  const server = EXTERNAL
    ? undefined
    : spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
        env: { ...process.env, PORT: String(PORT), NODE_ENV: "production", NEXTAUTH_URL: BASE },
        stdio: ["ignore", "ignore", "inherit"],
      });
  try {
    await waitFor(`${BASE}/api/health`);
    const { getDb } = await import("../src/server/db");
    const { env } = await import("../src/env");
    const { adminCreateTenant } = await import("../src/server/admin/admin-commands");
    const db = getDb();
    const suffix = randomBytes(4).toString("hex");
    const tenant = await adminCreateTenant(db, env, { name: `bench-${suffix}`, email: `bench-${suffix}@bench.local`, plan: "pro" });
    const auth = { authorization: `Bearer ${tenant.secretKey}`, "content-type": "application/json" };
    const call = (path: string, input: unknown) =>
      fetch(`${BASE}/api/trpc/${path}`, { method: "POST", headers: auth, body: wire(input) }).then(async (r) => {
        if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
        return ((await r.json()) as { result: { data: { json: { id: string } } } }).result.data.json;
      });
    const exp = await call("experiments.create", {
      key: "bench",
      name: "Bench",
      variants: [
        { key: "a", name: "A", price: "10.00", weight: 1, isControl: true },
        { key: "b", name: "B", price: "12.00", weight: 1 },
        { key: "c", name: "C", price: "14.00", weight: 1 },
      ],
    });
    await call("experiments.start", { id: exp.id });
    const returning = Array.from({ length: 2000 }, (_, i) => `returning-${i}`);
    for (let i = 0; i < returning.length; i += 100) {
      await Promise.all(returning.slice(i, i + 100).map((visitorId) => call("assignment.assign", { experimentKey: "bench", visitorId })));
    }
    let n = 0;
    const rows = await measureAll([
      { name: "GET /api/health (baseline)", opts: { url: `${BASE}/api/health` } },
      {
        name: "assign, returning visitor",
        opts: {
          url: `${BASE}/api/trpc/assignment.assign`,
          method: "POST",
          headers: auth,
          requests: [{ setupRequest: (req) => ({ ...req, body: wire({ experimentKey: "bench", visitorId: returning[n++ % returning.length] }) }) }],
        },
      },
      {
        name: "assign, new visitor",
        opts: {
          url: `${BASE}/api/trpc/assignment.assign`,
          method: "POST",
          headers: auth,
          requests: [{ setupRequest: (req) => ({ ...req, body: wire({ experimentKey: "bench", visitorId: `new-${suffix}-${n++}` }) }) }],
        },
      },
      {
        name: "track conversion",
        opts: {
          url: `${BASE}/api/trpc/events.track`,
          method: "POST",
          headers: auth,
          requests: [
            {
              setupRequest: (req) => ({
                ...req,
                body: wire({ experimentKey: "bench", visitorId: returning[n++ % returning.length], type: "conversion", revenue: "10.00" }),
              }),
            },
          ],
        },
      },
    ]);
    const base = rows[0]?.rps ?? 1;
    console.log(
      `\n${CONNECTIONS} connections, ${ROUNDS} interleaved rounds, ${DURATION} s per scenario, production build, PostgreSQL + Redis (${process.env.REDIS_URL})\n`,
    );
    console.log("| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to health |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${(r.rps / base).toFixed(2)} |`,
      );
    }
    await db.tenant.delete({ where: { id: tenant.tenantId } });
    await db.user.delete({ where: { id: tenant.userId } });
    await db.$disconnect();
  } finally {
    server?.kill("SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
