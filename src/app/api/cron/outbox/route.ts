import { env } from "@/env";
import { cronRoute } from "@/server/bandit/cron-route";
import { encryptionKey } from "@/server/crypto/encryption-key";
import { getDb } from "@/server/db";
import { drainPaidSignals } from "@/server/paid/drain-signals";
import { drainWebhooks } from "@/server/webhooks/drain-webhooks";

export const dynamic = "force-dynamic";

/** Every minute (vercel.json): delivers the outbox's due messages (tenant webhooks, Paid.ai usage signals), with backoff between retries. */
export const GET = cronRoute("outbox", async () => {
  const db = getDb();
  const webhooks = await drainWebhooks({ db, encryptionKey: encryptionKey(), production: env.NODE_ENV === "production" });
  const paidSignals = await drainPaidSignals({ db, encryptionKey: encryptionKey(), managedKey: env.PAID_API_KEY, baseUrl: env.PAID_API_BASE_URL });
  return { webhooks, paidSignals };
});
