import { env } from "@/env";
import { authorizeCron } from "@/server/bandit/cron-auth";
import { encryptionKey } from "@/server/crypto/encryption-key";
import { getDb } from "@/server/db";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { drainWebhooks } from "@/server/webhooks/drain-webhooks";

export const dynamic = "force-dynamic";

/** Every minute (vercel.json): delivers the outbox's due messages, with backoff between retries. */
export async function GET(request: Request) {
  const requestId = requestIdFrom(request.headers);
  const headers = { "x-request-id": requestId };
  const auth = authorizeCron(request.headers.get("authorization"), env.CRON_SECRET);
  if (auth === "not-configured") {
    return Response.json({ error: "CRON_NOT_CONFIGURED", message: "CRON_SECRET is not set on this deployment, so the outbox cron is disabled." }, { status: 503, headers });
  }
  if (auth === "unauthorized") {
    return Response.json({ error: "UNAUTHORIZED", message: "Send `Authorization: Bearer <CRON_SECRET>`." }, { status: 401, headers });
  }
  try {
    const webhooks = await drainWebhooks({ db: getDb(), encryptionKey: encryptionKey(), production: env.NODE_ENV === "production" });
    return Response.json({ webhooks }, { headers });
  } catch (error) {
    log("error", "outbox cron failed", { requestId, error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
  }
}
