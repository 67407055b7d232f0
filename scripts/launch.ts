/**
 * `npm run dev` / `npm start`: runs the app with embedded defaults when nothing is
 * configured (`npm start` only when opted into: ALLOW_EMBEDDED_DATABASE, ALLOW_IN_MEMORY_REDIS). Without DATABASE_URL an embedded PostgreSQL (PGlite) keeps its data
 * under .data/; migrations are applied; the demo tenant is seeded; then Next.js starts.
 */
import "./server-only/register.mjs";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databaseStandInRefusal, redisStandInRefusal } from "../src/env/stand-ins";

const mode = process.argv[2] === "start" ? "start" : "dev";
const root = process.cwd();
const dataDirFlag = process.argv.indexOf("--data-dir");
const dataDir = path.resolve(root, dataDirFlag > 0 ? (process.argv[dataDirFlag + 1] ?? ".data") : ".data");
const port = Number(process.env.PORT ?? 3000);

function persistedSecrets(): Record<string, string> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const secrets = {
    JWT_SECRET: randomBytes(32).toString("hex"),
    API_KEY_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  // `next start` always runs a production server, whatever NODE_ENV the shell has.
  if (mode === "start") {
    const refusals = [databaseStandInRefusal(process.env), redisStandInRefusal(process.env)].filter((r) => r !== null);
    if (refusals.length > 0) {
      for (const r of refusals) console.error(`[launch] refusing to start: ${r}`);
      process.exit(1);
    }
  }
  const embedded = !process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (embedded) {
    // Secrets are generated once and kept, so sessions and encrypted keys survive restarts.
    const secrets = persistedSecrets();
    const filled = Object.keys(secrets).filter((k) => !process.env[k]);
    for (const k of filled) process.env[k] = secrets[k];
    if (filled.length) {
      console.warn(
        `[launch] embedded mode: ${filled.join(", ")} read from ${path.relative(root, dataDir)}/secrets.json (set them yourself in production)`,
      );
    }
    const { startEmbeddedPostgres } = await import("../src/server/db/embedded-postgres");
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    process.env.DATABASE_URL = pg.url;
    // The admin CLI and end-to-end tests find the running embedded database here.
    writeFileSync(path.join(dataDir, "database-url"), pg.url);
    stopEmbedded = pg.stop;
    console.log(`[launch] embedded PostgreSQL (PGlite) at ${pg.url}, data in ${path.relative(root, dataDir)}/pglite`);
  }
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const { migrateDeploy } = await import("../src/server/db/migrate");
  await migrateDeploy(process.env.DATABASE_URL ?? "", root);
  console.log("[launch] migrations applied");

  // SEED_DEMO=1 seeds the demo tenant on a configured database too (end-to-end tests do).
  if (embedded || mode === "dev" || process.env.SEED_DEMO === "1") {
    const { createDb } = await import("../src/server/db");
    const { seedDemo, DEMO_EMAIL, DEMO_PASSWORD } = await import("../src/server/seed/seed-demo");
    const db = createDb(process.env.DATABASE_URL ?? "", 2);
    const { env } = await import("../src/env");
    const seeded = await seedDemo(db, { proUsageLimit: env.PRO_TIER_LIMIT });
    if (env.REDIS_URL || env.UPSTASH_REDIS_REST_URL) {
      // Every instance reads the demo's plan from Redis: drop a copy from before this start.
      const { getRedis } = await import("../src/server/redis");
      const { invalidateTenantPlan } = await import("../src/server/usage/tenant-plan");
      await invalidateTenantPlan({ db, redis: getRedis() }, seeded.tenantId);
    }
    await db.$disconnect();
    console.log(`[launch] demo tenant ${seeded.created ? "created" : "present"}: sign in as ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  }

  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [nextBin, mode, "-p", String(port)], { stdio: "inherit", env: process.env });
  console.log(`[launch] Pricing Optimizer on http://localhost:${port}`);
  const shutdown = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  child.on("exit", (code) => {
    void Promise.resolve(stopEmbedded?.())
      .catch((error: unknown) => console.error("stopping the embedded database failed:", error))
      .then(() => process.exit(code ?? 0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
