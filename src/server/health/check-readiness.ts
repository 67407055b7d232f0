import type { Redis } from "@upstash/redis";
import type { Db } from "@/server/db";

export interface DependencyStatus {
  name: "database" | "redis";
  ok: boolean;
  latencyMs: number;
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

export async function checkReadiness(deps: { db: () => Db; redis: () => Redis }, timeoutMs = 2000) {
  const checks = await Promise.all([
    probe("database", () => deps.db().$queryRaw`SELECT 1`, timeoutMs),
    probe("redis", () => deps.redis().ping(), timeoutMs),
  ]);
  const failed = checks.filter((c) => !c.ok).map((c) => c.name);
  return { ready: failed.length === 0, failed, checks };
}
