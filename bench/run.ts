/**
 * `npm run bench`: throughput and latency of the hot path against the production
 * build on real PostgreSQL and Redis, each as a ratio to /api/health in the same run.
 * Uses DATABASE_URL / REDIS_URL (local servers only), defaulting to this machine's.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import autocannon from "autocannon";

const PORT = Number(process.env.BENCH_PORT ?? 3300);
const BASE = `http://127.0.0.1:${PORT}`;
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379";
for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) process.env[name] ??= randomBytes(32).toString("hex");

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

/** Runs autocannon and computes exact percentiles from every response time it reports. */
function measure(name: string, opts: autocannon.Options): Promise<Row> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon({ duration: DURATION, connections: CONNECTIONS, ...opts }, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      resolve({
        name,
        rps: result.requests.average,
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        p99: quantile(times, 0.99),
        errors: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

async function main() {
  if (!existsSync(".next/BUILD_ID") || process.env.BENCH_BUILD === "1") await run("npm", ["run", "build"]);
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
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
    const rows: Row[] = [];
    rows.push(await measure("GET /api/health (baseline)", { url: `${BASE}/api/health` }));
    rows.push(
      await measure("assign, returning visitor", {
        url: `${BASE}/api/trpc/assignment.assign`,
        method: "POST",
        headers: auth,
        requests: [{ setupRequest: (req) => ({ ...req, body: wire({ experimentKey: "bench", visitorId: returning[n++ % returning.length] }) }) }],
      }),
    );
    rows.push(
      await measure("assign, new visitor", {
        url: `${BASE}/api/trpc/assignment.assign`,
        method: "POST",
        headers: auth,
        requests: [{ setupRequest: (req) => ({ ...req, body: wire({ experimentKey: "bench", visitorId: `new-${suffix}-${n++}` }) }) }],
      }),
    );
    rows.push(
      await measure("track conversion", {
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
      }),
    );
    const base = rows[0]?.rps ?? 1;
    console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, production build, PostgreSQL + Redis (${process.env.REDIS_URL})\n`);
    console.log("| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors | ratio to health |");
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const r of rows) {
      console.log(`| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${(r.rps / base).toFixed(2)} |`);
    }
    await db.tenant.delete({ where: { id: tenant.tenantId } });
    await db.user.delete({ where: { id: tenant.userId } });
    await db.$disconnect();
  } finally {
    server.kill("SIGTERM");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
