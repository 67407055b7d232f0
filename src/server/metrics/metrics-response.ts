import "server-only";
import { authorizeCron as authorizeBearer } from "@/server/bandit/cron-auth";
import type { Metrics } from "./registry";

/**
 * GET /api/metrics: Prometheus text for a scraper holding METRICS_TOKEN. Unset token:
 * 503 METRICS_NOT_CONFIGURED (as the cron does), so an open deployment leaks nothing.
 */
export async function metricsResponse(authorization: string | null, token: string | undefined, metrics: () => Metrics, requestId: string) {
  const headers = { "x-request-id": requestId, "cache-control": "no-store" };
  const auth = authorizeBearer(authorization, token);
  if (auth === "not-configured") {
    return Response.json(
      { error: "METRICS_NOT_CONFIGURED", message: "METRICS_TOKEN is not set on this deployment, so /api/metrics is disabled." },
      { status: 503, headers },
    );
  }
  if (auth === "unauthorized") {
    return Response.json(
      { error: "UNAUTHORIZED", message: "Send `Authorization: Bearer <METRICS_TOKEN>`." },
      { status: 401, headers: { ...headers, "www-authenticate": 'Bearer realm="metrics"' } },
    );
  }
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { ...headers, "content-type": registry.contentType } });
}
