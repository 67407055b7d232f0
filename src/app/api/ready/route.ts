import { getDb } from "@/server/db";
import { checkReadiness } from "@/server/health/check-readiness";
import { counterValue, log } from "@/server/lib/logger";
import { describeBackend, getRedis } from "@/server/redis";

export const dynamic = "force-dynamic";

/** Readiness: 200 while PostgreSQL answers (`degraded` when only Redis is down), 503 otherwise. */
export async function GET() {
  const result = await checkReadiness({ db: getDb, redis: getRedis });
  for (const check of result.checks) {
    if (!check.ok) log("warn", "readiness check failed", { dependency: check.name, error: check.error });
  }
  const body = {
    status: !result.ready ? "unavailable" : result.degraded ? "degraded" : "ready",
    ...(result.failed.length > 0 ? { failed: result.failed } : {}),
    redisBackend: describeBackend(),
    // Statuses only: the body is public, so no error text (hosts, ports, driver messages).
    checks: result.checks.map(({ name, ok, latencyMs }) => ({ name, ok, latencyMs })),
    // Redis failures the hot path survived (answered from PostgreSQL) since this instance started.
    failOpen: { redisFailures: counterValue("redis_failures"), redisSkipped: counterValue("redis_skipped") },
  };
  return Response.json(body, { status: result.ready ? 200 : 503, headers: result.ready ? {} : { "retry-after": "5" } });
}
