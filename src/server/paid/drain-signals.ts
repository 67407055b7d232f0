import "server-only";
import { PaidClient } from "@paid-ai/paid-node";
import type { Paid } from "@paid-ai/paid-node";
import { decryptSecret } from "@/server/crypto/secret-box";
import type { Db } from "@/server/db";
import { log } from "@/server/lib/logger";
import { claimDue, type ClaimedMessage, retryDelayMs } from "@/server/outbox/claim";
import { PAID_SIGNAL_TOPIC } from "./signal-policy";

/** What track-conversion's statement writes to the outbox for one counted conversion. */
export interface SignalPayload {
  experimentId: string;
  experimentKey: string;
  visitorId: string;
  variantId: string;
  revenue: number | string;
  currency: string;
  occurredAt: string;
  billing: "managed" | "byok";
}

export interface PaidDeps {
  db: Db;
  encryptionKey: Buffer;
  /** The platform's key (PAID_API_KEY) for managed tenants. */
  managedKey: string | undefined;
  /** PAID_API_BASE_URL; a byok tenant's own base URL wins for its signals. */
  baseUrl: string;
}

export const MAX_SIGNAL_ATTEMPTS = 20;
const BATCH = 100;

type Claimed = ClaimedMessage<SignalPayload>;

/** The signal Paid.ai receives; the outbox id is its idempotency key, so a resend is never counted twice. */
export function toSignal(m: Claimed): Paid.Signal {
  const p = m.payload;
  return {
    eventName: "price_experiment_conversion",
    // Managed: the platform bills its tenant. Bring-your-own-key: the tenant bills its own customer.
    customer: { externalCustomerId: p.billing === "managed" ? m.tenant_id : p.visitorId },
    timestamp: new Date(p.occurredAt).toISOString(),
    idempotencyKey: m.id,
    data: { experimentKey: p.experimentKey, experimentId: p.experimentId, variantId: p.variantId, revenue: String(p.revenue), currency: p.currency },
  };
}

async function destinations(deps: PaidDeps, claimed: Claimed[]) {
  const byokTenants = [...new Set(claimed.filter((m) => m.payload.billing === "byok").map((m) => m.tenant_id))];
  const tenants = await deps.db.tenant.findMany({
    where: { id: { in: byokTenants } },
    select: { id: true, paidApiKeyEncrypted: true, paidApiBaseUrl: true },
  });
  const groups = new Map<string, { token: string | null; baseUrl: string; messages: Claimed[] }>();
  for (const m of claimed) {
    const tenant = m.payload.billing === "byok" ? tenants.find((t) => t.id === m.tenant_id) : undefined;
    const token =
      m.payload.billing === "byok"
        ? tenant?.paidApiKeyEncrypted
          ? decryptSecret(deps.encryptionKey, tenant.paidApiKeyEncrypted)
          : null
        : (deps.managedKey ?? null);
    const baseUrl = tenant?.paidApiBaseUrl ?? deps.baseUrl;
    const id = m.payload.billing === "byok" ? `byok:${m.tenant_id}` : "managed";
    const group = groups.get(id) ?? { token, baseUrl, messages: [] };
    group.messages.push(m);
    groups.set(id, group);
  }
  return [...groups.values()];
}

async function settle(db: Db, messages: Claimed[], now: Date, error: string | null) {
  for (const m of messages) {
    const attempts = m.attempts + 1;
    await db.outboxMessage.update({
      where: { id: m.id },
      data:
        error === null
          ? { attempts, processedAt: now, lastError: null }
          : attempts >= MAX_SIGNAL_ATTEMPTS
            ? { attempts, processedAt: now, lastError: `abandoned after ${attempts} attempt(s): ${error}` }
            : { attempts, availableAt: new Date(now.getTime() + retryDelayMs(attempts)), lastError: error },
    });
  }
}

/** Sends due usage signals to Paid.ai in bulk (the outbox cron); a failed batch waits longer before each retry. */
export async function drainPaidSignals(deps: PaidDeps, opts: { now?: Date; limit?: number } = {}) {
  const now = opts.now ?? new Date();
  const claimed = await claimDue<SignalPayload>(deps.db, PAID_SIGNAL_TOPIC, now, opts.limit ?? 500);
  const summary = { sent: 0, failed: 0 };
  for (const group of await destinations(deps, claimed)) {
    for (let i = 0; i < group.messages.length; i += BATCH) {
      const batch = group.messages.slice(i, i + BATCH);
      let error: string | null = null;
      if (!group.token) error = "no Paid.ai key for these signals (PAID_API_KEY, or the tenant's own key)";
      else {
        try {
          const client = new PaidClient({ token: group.token, baseUrl: group.baseUrl });
          await client.signals.createSignals({ signals: batch.map(toSignal) }, { maxRetries: 0, timeoutInSeconds: 10 });
        } catch (e) {
          error = e instanceof Error ? e.message : String(e);
        }
      }
      await settle(deps.db, batch, now, error);
      if (error) {
        summary.failed += batch.length;
        log("warn", "paid.ai signals not sent", { count: batch.length, error });
      } else summary.sent += batch.length;
    }
  }
  return summary;
}
