/**
 * `npm run test:resilience`: the production build against a private PostgreSQL
 * and Redis that this suite may stop and freeze (the machine's shared servers are
 * never touched). Load correctness, fault injection, hostile input, and one check
 * per resilience defect; prints a short report and exits 1 on any failed check.
 *
 * RESILIENCE_SEED (fast-check and data seed; random by default, always printed),
 * RESILIENCE_RUNS (hostile-input runs per procedure and transport, default 25),
 * RESILIENCE_CONCURRENCY (load concurrency, default 100).
 */
import "../../scripts/server-only/register.mjs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { build, reusableBuild, startServer, type AppServer } from "./app-server";
import { Checks } from "./check";
import { newReport, type SuiteContext } from "./context";
import { defectRegressions, startupRefusals } from "./defects";
import { outageBeforeFirstRequest, postgresFrozen, postgresStopped, redisOutage } from "./faults";
import { fingerprintQuery, hostileInput, listProcedures } from "./hostile";
import { runPool, trpc } from "./http";
import { conversionsAreExact, newVisitorsSplitByWeight } from "./load";
import { startPrivatePostgres, type PrivatePostgres } from "./private-postgres";
import { startPrivateRedis, type PrivateRedis } from "./private-redis";
import { freePort } from "../../src/server/db/embedded-postgres";
import { migrateDeploy } from "../../src/server/db/migrate";

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const step = (s: string) => console.log(`\n== ${s} (${elapsed()})`);

const seed = Number(process.env.RESILIENCE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const runs = Number(process.env.RESILIENCE_RUNS ?? 25);
const concurrency = Number(process.env.RESILIENCE_CONCURRENCY ?? 100);
const timeouts = { connectMs: 2_000, queryMs: 3_000 };
console.log(`resilience suite: seed ${seed} (RESILIENCE_SEED=${seed} reproduces it), ${runs} hostile runs per procedure, ${concurrency}-way load`);

let postgres: PrivatePostgres | undefined;
let redis: PrivateRedis | undefined;
let server: AppServer | undefined;
let sql: pg.Pool | undefined;

async function main(): Promise<number> {
  step("private PostgreSQL and Redis");
  postgres = await startPrivatePostgres(await freePort());
  redis = await startPrivateRedis(await freePort());
  await migrateDeploy(postgres.url);
  console.log(`PostgreSQL ${postgres.url}, Redis ${redis.url}`);

  // The suite's own process talks to the same private servers, with the server's secrets.
  const secrets = {
    JWT_SECRET: randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
    API_KEY_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
  };
  // The suite is a load generator on one key, not a customer: a pro tenant whose per-second
  // limit is raised out of the way (the limiter has its own tests against real Redis).
  Object.assign(process.env, secrets, { DATABASE_URL: postgres.url, REDIS_URL: redis.url, PRO_TIER_RATE_LIMIT: "100000" });
  const { createTestApiKey, createTestTenant, makePro, sessionCookie } = await import("../helpers/fixtures");
  const { createPriceExperiment } = await import("../helpers/experiments");
  const { tenant, user } = await createTestTenant("resilience");
  await makePro(tenant.id);
  const experiment = async (key: string, weights: [number, number, number]) => {
    const e = await createPriceExperiment(tenant.id, { key, weights });
    return {
      id: e.id,
      key: e.key,
      variants: [
        { key: "control", weight: weights[0] },
        { key: "mid", weight: weights[1] },
        { key: "high", weight: weights[2] },
      ],
    };
  };
  const experiments = {
    conversions: await experiment("conversions", [1, 1, 1]),
    split: await experiment("split", [50, 30, 20]),
    traffic: await experiment("traffic", [1, 1, 1]),
    draft: await (async () => {
      const e = await createPriceExperiment(tenant.id, { key: "draft", draft: true });
      return { id: e.id, key: e.key, variants: [] };
    })(),
  };
  const { getExperimentConfig } = await import("../../src/server/cache/experiment-config");
  const { getDb } = await import("../../src/server/db");
  const { getRedis } = await import("../../src/server/redis");
  const cacheConfig = async (key: string) => {
    await getExperimentConfig({ db: getDb(), redis: getRedis() }, tenant.id, key);
  };
  const pk = { authorization: `Bearer ${await createTestApiKey(tenant.id, "publishable")}` };
  const sk = { authorization: `Bearer ${await createTestApiKey(tenant.id, "secret")}` };
  const session = { cookie: await sessionCookie(user.id) };
  sql = new pg.Pool({ connectionString: postgres.url, max: 4 });
  sql.on("error", () => {
    // Idle connections dropped when the suite stops PostgreSQL on purpose.
  });

  step("production build");
  const reuse = reusableBuild();
  if (reuse.reuse) console.log(`reusing .next: ${reuse.why}`);
  else {
    console.log(`building (${reuse.why})`);
    await build();
  }

  step("production server");
  const port = await freePort();
  const logFile = path.join(tmpdir(), `po-resilience-server-${port}.log`);
  server = await startServer(
    port,
    {
      ...secrets,
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      DATABASE_CONNECT_TIMEOUT_MS: String(timeouts.connectMs),
      DATABASE_QUERY_TIMEOUT_MS: String(timeouts.queryMs),
    },
    logFile,
  );
  console.log(`${server.base} (log ${logFile})`);

  const checks = new Checks();
  const report = newReport();
  const ctx: SuiteContext = {
    base: server.base,
    seed,
    concurrency,
    pk,
    sk,
    session,
    tenantId: tenant.id,
    sql,
    pg: postgres,
    redis,
    checks,
    report,
    timeouts,
    experiments,
    cacheConfig,
  };

  step("fault: PostgreSQL down at the first hot-path statement");
  await outageBeforeFirstRequest(ctx);
  step("startup refusal");
  startupRefusals(ctx);
  step("defect regressions");
  await defectRegressions(ctx);
  step("load: 10,000 conversions");
  await conversionsAreExact(ctx);
  step("load: 5,000 new visitors");
  await newVisitorsSplitByWeight(ctx);

  const returning = Array.from({ length: 200 }, (_, i) => `ret-${seed}-${i}`);
  await runPool(returning, 20, (visitorId) =>
    trpc(ctx.base, "assignment.assign", "mutation", { experimentKey: experiments.traffic.key, visitorId }, pk),
  );
  step("fault: Redis stopped and restarted");
  await redisOutage(ctx, returning);
  step("fault: PostgreSQL stopped and restarted");
  await postgresStopped(ctx, returning);
  step("fault: PostgreSQL frozen");
  await postgresFrozen(ctx, returning);

  step("hostile input");
  const { procedureTypes } = await import("../helpers/trpc-http");
  const { appRouter, publicApiRouter } = await import("../../src/server/api/root");
  const all = await listProcedures(appRouter, procedureTypes);
  const rest = (await listProcedures(publicApiRouter, procedureTypes)).filter((p) => p.openapi);
  await hostileInput(ctx, all, rest, runs, await fingerprintQuery(sql));

  printReport(ctx);
  return checks.failures.length === 0 ? 0 : 1;
}

function printReport(ctx: SuiteContext) {
  const { report, checks } = ctx;
  console.log(`\n==== resilience report (seed ${ctx.seed}, ${elapsed()}) ====`);
  console.log(`cases (${report.cases.reduce((s, c) => s + c.requests, 0)} requests):`);
  for (const c of report.cases) console.log(`  - ${c.name}: ${c.requests} requests`);
  console.log(`faults injected (${report.faults.length}):`);
  for (const f of report.faults) console.log(`  - ${f}`);
  console.log("recovery times:");
  for (const r of report.recoveries) console.log(`  - ${r.fault}: ${r.seconds.toFixed(2)} s`);
  console.log("totals checked:");
  for (const t of report.totals) console.log(`  - ${t}`);
  console.log(`checks: ${checks.passed} passed, ${checks.failures.length} failed`);
  for (const f of checks.failures) console.log(`  ✗ ${f}`);
}

async function cleanup() {
  postgres?.thaw();
  await server?.stop().catch(() => undefined);
  await sql?.end().catch(() => undefined);
  await redis?.stop().catch(() => undefined);
  await postgres?.destroy().catch(() => undefined);
}

// Whatever ends the run, the private servers and the app server it started are stopped
// (a crash must not leave a PostgreSQL frozen or a server holding a port).
const abort = async (reason: unknown) => {
  console.error(reason instanceof Error ? (reason.stack ?? reason.message) : reason);
  await cleanup();
  process.exit(1);
};
process.once("uncaughtException", (error) => void abort(error));
process.once("unhandledRejection", (reason) => void abort(reason));
process.once("SIGINT", () => void abort("interrupted"));
process.once("SIGTERM", () => void abort("terminated"));

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanup();
    process.exit(1);
  });
