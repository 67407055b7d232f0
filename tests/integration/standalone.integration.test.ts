import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../../src/server/db/embedded-postgres";

// What the Docker image runs (`node check-env.mjs && node server.js` in .next/standalone),
// against this machine's PostgreSQL and Redis. It needs `npm run build:standalone` first
// (minutes), so without that build the tests say they were skipped.
const dir = path.resolve(import.meta.dirname, "../../.next/standalone");
const built = existsSync(path.join(dir, "server.js")) && existsSync(path.join(dir, "check-env.mjs"));
if (!built) console.log("[tests] standalone server: skipped (no .next/standalone; run `npm run build:standalone`)");

const secrets = () => ({
  JWT_SECRET: randomBytes(32).toString("hex"),
  NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
  API_KEY_ENCRYPTION_KEY: randomBytes(32).toString("hex"),
});
// Only what the container would get: no variable of this test process leaks in.
const baseEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH ?? "", NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" });

let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill("SIGTERM");
});

describe.skipIf(!built)("standalone server (the Docker image's command)", () => {
  it("refuses to start without the production secrets, naming them", () => {
    const run = spawnSync(process.execPath, ["check-env.mjs"], {
      cwd: dir,
      env: { ...baseEnv(), DATABASE_URL: inject("databaseUrl") },
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("JWT_SECRET is required");
    expect(run.stderr).toContain("API_KEY_ENCRYPTION_KEY is required");
  });

  it("starts with node server.js and answers /api/health, /health and /api/ready", async () => {
    const port = await freePort();
    const env = {
      ...baseEnv(),
      ...secrets(),
      DATABASE_URL: inject("databaseUrl"),
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    };
    const check = spawnSync(process.execPath, ["check-env.mjs"], { cwd: dir, env, encoding: "utf8" });
    expect(check.status, check.stderr).toBe(0);
    server = spawn(process.execPath, ["server.js"], { cwd: dir, env, stdio: "ignore" });
    const base = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (const started = Date.now(); Date.now() - started < 60_000; await new Promise((r) => setTimeout(r, 250))) {
      health = await fetch(`${base}/api/health`).catch(() => undefined);
      if (health) break;
    }
    expect(health?.status).toBe(200);
    expect(Object.keys((await health?.json()) as object)).toEqual(["status", "timestamp", "version"]);
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status, await ready.clone().text()).toBe(200);
    expect((await fetch(`${base}/api/metrics`)).status).toBe(503);
  }, 90_000);
});
