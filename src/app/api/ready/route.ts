import { getDb } from "@/server/db";
import { checkReadiness } from "@/server/health/check-readiness";
import { counterValue } from "@/server/lib/logger";
import { describeBackend, getRedis } from "@/server/redis";

export const dynamic = "force-dynamic";

export async function GET() {
  const result = await checkReadiness({ db: getDb, redis: getRedis });
  const body = {
    status: result.ready ? "ready" : "unavailable",
    ...(result.ready ? {} : { error: `not ready: ${result.failed.join(" and ")} unreachable`, failed: result.failed }),
    redisBackend: describeBackend(),
    checks: result.checks,
    // Redis failures the hot path survived (answered from PostgreSQL) since this instance started.
    failOpen: { redisFailures: counterValue("redis_failures"), redisSkipped: counterValue("redis_skipped") },
  };
  return Response.json(body, { status: result.ready ? 200 : 503 });
}
