import "server-only";
import { env } from "@/env";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { authorizeCron } from "./cron-auth";

/**
 * A scheduled route (vercel.json crons, Kubernetes CronJobs): the CRON_SECRET check,
 * the request id, and one JSON answer, so each cron route only names its job.
 */
export function cronRoute(name: string, job: () => Promise<Record<string, unknown>>) {
  return async function GET(request: Request): Promise<Response> {
    const requestId = requestIdFrom(request.headers);
    const headers = { "x-request-id": requestId };
    const auth = authorizeCron(request.headers.get("authorization"), env.CRON_SECRET);
    if (auth === "not-configured") {
      return Response.json(
        { error: "CRON_NOT_CONFIGURED", message: `CRON_SECRET is not set on this deployment, so the ${name} cron is disabled.` },
        { status: 503, headers },
      );
    }
    if (auth === "unauthorized") {
      return Response.json({ error: "UNAUTHORIZED", message: "Send `Authorization: Bearer <CRON_SECRET>`." }, { status: 401, headers });
    }
    try {
      return Response.json(await job(), { headers });
    } catch (error) {
      log("error", `${name} cron failed`, { requestId, error: error instanceof Error ? error.message : String(error) });
      return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
    }
  };
}
