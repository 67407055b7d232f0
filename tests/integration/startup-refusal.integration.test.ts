import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * `npm start` is a production server: it must not silently run on the embedded
 * stand-ins (PGlite, in-process Redis) unless explicitly opted into. The launcher
 * refuses before starting anything, so these runs take a second.
 */
function launchStart(env: Record<string, string | undefined>) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|REDIS_URL|UPSTASH_REDIS_REST_(URL|TOKEN)|ALLOW_EMBEDDED_DATABASE|ALLOW_IN_MEMORY_REDIS|PORT)$/.test(k),
    ),
  );
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start", "--data-dir", ".data/startup-refusal"], {
    env: { ...base, NODE_ENV: "production", PORT: "1", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("npm start in production", () => {
  it("refuses to start without DATABASE_URL, naming it and the opt-in", () => {
    const run = launchStart({ REDIS_URL: "redis://127.0.0.1:6379" });
    expect(run.status).toBe(1);
    expect(run.output).toContain("refusing to start: DATABASE_URL is required in production");
    expect(run.output).toContain("ALLOW_EMBEDDED_DATABASE=1");
    expect(run.output).not.toContain("embedded PostgreSQL (PGlite) at");
  });

  it("refuses to start without Redis, naming REDIS_URL and the opt-in", () => {
    const run = launchStart({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/postgres" });
    expect(run.status).toBe(1);
    expect(run.output).toContain("refusing to start: REDIS_URL");
    expect(run.output).toContain("ALLOW_IN_MEMORY_REDIS=1");
    expect(run.output).not.toContain("migrations applied");
  });
});
