import { env } from "@/env";
import { getMetrics } from "@/server/metrics";
import { metricsResponse } from "@/server/metrics/metrics-response";
import { requestIdFrom } from "@/server/lib/request-id";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return metricsResponse(request.headers.get("authorization"), env.METRICS_TOKEN, getMetrics, requestIdFrom(request.headers));
}
