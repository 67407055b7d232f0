import { env } from "@/env";
import { authorizeCron } from "@/server/bandit/cron-auth";
import { encryptionKey } from "@/server/crypto/encryption-key";
import { getDb } from "@/server/db";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { drainPaidSignals } from "@/server/paid/drain-signals";
import { drainWebhooks } from "@/server/webhooks/drain-webhooks";

export const dynamic = "force-dynamic";

/** Every minute (vercel.json): delivers the outbox's due messages (tenant webhooks, Paid.ai usage signals), with backoff between retries. */
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
    const db = getDb();
    const webhooks = await drainWebhooks({ db, encryptionKey: encryptionKey(), production: env.NODE_ENV === "production" });
    const paidSignals = await drainPaidSignals({ db, encryptionKey: encryptionKey(), managedKey: env.PAID_API_KEY, baseUrl: env.PAID_API_BASE_URL });
    return Response.json({ webhooks, paidSignals }, { headers });
  } catch (error) {
    log("error", "outbox cron failed", { requestId, error: error instanceof Error ? error.message : String(error) });
    return Response.json({ error: "INTERNAL", message: `Internal error (request id ${requestId})` }, { status: 500, headers });
  }
}
