import "server-only";
import type { Redis } from "@upstash/redis";
import type { Db } from "@/server/db";

export interface DependencyStatus {
  name: "database" | "redis";
  ok: boolean;
  latencyMs: number;
  /** For logs only: never sent in the unauthenticated /api/ready body (hosts, ports, driver text). */
  error?: string;
}

async function probe(name: DependencyStatus["name"], fn: () => Promise<unknown>, timeoutMs: number): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Ready means the database answers: without it nothing but cached assignments can
 * be served. Redis is a fail-open cache on the hot path (every request still
 * succeeds without it), so a Redis outage makes the instance `degraded`, not
 * unready — otherwise one Redis outage would take every instance out of service.
 */
export async function checkReadiness(deps: { db: () => Db; redis: () => Redis }, timeoutMs = 2000) {
  const checks = await Promise.all([
    probe("database", () => deps.db().$queryRaw`SELECT 1`, timeoutMs),
    probe("redis", () => deps.redis().ping(), timeoutMs),
  ]);
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  const ready = !failed.includes("database");
  return { ready, degraded: ready && failed.length > 0, failed, checks };
}
