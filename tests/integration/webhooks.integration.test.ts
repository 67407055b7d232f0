import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { decodeKey32 } from "../../src/env/schema";
import { getDb } from "../../src/server/db";
import { transitionExperiment } from "../../src/server/experiments/transition-experiment";
import { updateTenantSettings } from "../../src/server/tenants/tenant-settings";
import { deliverWebhook } from "../../src/server/webhooks/deliver";
import { drainWebhooks, MAX_ATTEMPTS, retryDelayMs } from "../../src/server/webhooks/drain-webhooks";
import { enqueueWebhook } from "../../src/server/webhooks/events";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { callTrpc } from "../helpers/trpc-http";

const key = decodeKey32(env.API_KEY_ENCRYPTION_KEY) ?? Buffer.alloc(32);
const webhookDeps = (production = false) => ({ db: getDb(), encryptionKey: key, production });

/** A tenant's receiver: verifies every request with the secret it was given; can fail on purpose. */
interface Received {
  verified: boolean;
  id: string;
  body: { type: string; data: Record<string, unknown> };
}
let server: Server;
let base = "";
const inbox = new Map<string, Received[]>();
const secrets = new Map<string, string>();
const failuresLeft = new Map<string, number>();

async function readBody(req: IncomingMessage) {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    // Node's server ignores a handler's promise; a rejection stays unhandled, which vitest reports.
    void (async () => {
      const path = req.url ?? "";
      const text = await readBody(req);
      const left = failuresLeft.get(path) ?? 0;
      if (left > 0) {
        failuresLeft.set(path, left - 1);
        res.writeHead(503).end("try later");
        return;
      }
      let verified = false;
      try {
        new Webhook(secrets.get(path) ?? "whsec_AAAA").verify(text, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      inbox.set(path, [...(inbox.get(path) ?? []), { verified, id: String(req.headers["webhook-id"]), body: JSON.parse(text) as Received["body"] }]);
      res.writeHead(verified ? 204 : 401).end();
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function tenantWithWebhook(label: string) {
  const t = await createTestTenant(label, "owner");
  const path = `/${label}-${t.tenant.id.slice(0, 8)}`;
  const cookie = await sessionCookie(t.user.id);
  const saved = await callTrpc("settings.update", { webhookUrl: `${base}${path}` }, { cookie });
  expect(saved.status, saved.raw).toBe(200);
  const rotated = await callTrpc("webhooks.rotateSecret", undefined, { cookie });
  const secret = (rotated.data as { secret: string }).secret;
  secrets.set(path, secret);
  return { ...t, path, cookie, secret };
}

describe("outgoing webhooks", () => {
  it("signs experiment.started per Standard Webhooks and delivers it through the outbox", async () => {
    const t = await tenantWithWebhook("wh-start");
    expect(t.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const exp = await createPriceExperiment(t.tenant.id);
    const queued = await getDb().outboxMessage.findMany({ where: { tenantId: t.tenant.id, topic: "webhook", processedAt: null } });
    expect(queued).toHaveLength(1);
    await drainWebhooks(webhookDeps(), { ids: queued.map((q) => q.id) });
    const got = inbox.get(t.path) ?? [];
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({
      verified: true,
      body: { type: "experiment.started", data: { experimentId: exp.id, experimentKey: exp.key, status: "running" } },
    });
    expect((await getDb().outboxMessage.findUniqueOrThrow({ where: { id: queued[0]?.id } })).processedAt).not.toBeNull();

    await transitionExperiment(deps(), t.tenant.id, "test", { id: exp.id, action: "complete", winningVariantKey: "high" });
    await drainWebhooks(webhookDeps(), {
      ids: (await getDb().outboxMessage.findMany({ where: { tenantId: t.tenant.id, processedAt: null } })).map((q) => q.id),
    });
    expect(inbox.get(t.path)?.[1]?.body).toMatchObject({ type: "experiment.completed", data: { winningVariantKey: "high", winningPrice: "29.00" } });
  });

  it("retries with growing delays while the receiver fails, then delivers once, with every attempt in the log", async () => {
    const t = await tenantWithWebhook("wh-retry");
    failuresLeft.set(t.path, 3);
    await createPriceExperiment(t.tenant.id);
    const [message] = await getDb().outboxMessage.findMany({ where: { tenantId: t.tenant.id } });
    let now = new Date();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      await drainWebhooks(webhookDeps(), { now, ids: [message?.id ?? ""] });
      const row = await getDb().outboxMessage.findUniqueOrThrow({ where: { id: message?.id } });
      if (row.processedAt) break;
      delays.push(row.availableAt.getTime() - now.getTime());
      // Too early: nothing is attempted before the delay has passed.
      await drainWebhooks(webhookDeps(), { now: new Date(row.availableAt.getTime() - 1), ids: [row.id] });
      now = row.availableAt;
    }
    expect(delays).toEqual([retryDelayMs(1), retryDelayMs(2), retryDelayMs(3)]);
    expect(delays).toEqual([30_000, 60_000, 120_000]);
    expect(inbox.get(t.path)?.map((r) => r.verified)).toEqual([true]);
    const log = await callTrpc("webhooks.deliveries", undefined, { cookie: t.cookie });
    const rows = log.data as { attempt: number; ok: boolean; statusCode: number | null }[];
    expect(rows.map((r) => [r.attempt, r.ok, r.statusCode])).toEqual([
      [4, true, 204],
      [3, false, 503],
      [2, false, 503],
      [1, false, 503],
    ]);
    expect(MAX_ATTEMPTS).toBeGreaterThan(4);
  });

  it("sends a test event on demand; a rotated secret replaces the old one at once", async () => {
    const t = await tenantWithWebhook("wh-test");
    const sent = await callTrpc("webhooks.sendTest", undefined, { cookie: t.cookie });
    expect(sent.data).toMatchObject({ ok: true, statusCode: 204, error: null });
    expect(inbox.get(t.path)?.at(-1)?.body.type).toBe("webhook.test");
    // The receiver still holds the old secret: the next event no longer verifies (and is retried).
    const rotated = await callTrpc("webhooks.rotateSecret", undefined, { cookie: t.cookie });
    expect((rotated.data as { secret: string }).secret).not.toBe(t.secret);
    const again = await callTrpc("webhooks.sendTest", undefined, { cookie: t.cookie });
    expect(again.data).toMatchObject({ ok: false, statusCode: 401 });
    const status = await callTrpc("webhooks.status", undefined, { cookie: t.cookie });
    expect(status.data).toMatchObject({ url: `${base}${t.path}`, hasSecret: true });
    expect(JSON.stringify(status.data)).not.toContain("whsec_");
    const audit = await getDb().auditLog.findMany({ where: { tenantId: t.tenant.id, action: "webhook.secret_rotated" } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain("whsec_");
  });

  it("in production, refuses private URLs at save and loopback addresses after DNS resolution at delivery", async () => {
    const t = await tenantWithWebhook("wh-ssrf");
    const settings = { db: getDb(), encryptionKey: key, platformMode: "hybrid" as const, production: true };
    for (const url of [
      "https://127.0.0.1/hook",
      "https://169.254.169.254/latest/meta-data",
      "https://localhost/hook",
      "http://hooks.example.com/x",
    ]) {
      await expect(updateTenantSettings(settings, t.tenant.id, "test", { webhookUrl: url }), url).rejects.toMatchObject({
        appCode: "WEBHOOK_URL_NOT_ALLOWED",
      });
    }
    // A name that passes the check at save but resolves to loopback (as with DNS rebinding)
    // is stopped by the delivery's own resolution, before any connection.
    const port = new URL(base).port;
    const result = await deliverWebhook({
      url: `http://localhost:${port}${t.path}`,
      secret: t.secret,
      message: { id: "msg_rebind", type: "webhook.test", timestamp: new Date().toISOString(), data: {} },
      production: true,
    });
    expect(result).toMatchObject({ ok: false, statusCode: null });
    expect(result.error).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a private, loopback or link-local address$/);
    // Through the drain too: a stored URL that is no longer allowed is not contacted.
    await getDb().tenant.update({ where: { id: t.tenant.id }, data: { webhookUrl: `https://127.0.0.1:${port}${t.path}` } });
    const row = await getDb().$transaction((tx) => enqueueWebhook(tx, t.tenant.id, "webhook.test", {}));
    await drainWebhooks(webhookDeps(true), { ids: [row?.id ?? ""] });
    const delivery = await getDb().webhookDelivery.findFirstOrThrow({ where: { messageId: row?.id } });
    expect(delivery).toMatchObject({ ok: false, statusCode: null });
    expect(delivery.error).toMatch(/WEBHOOK|private, loopback or link-local/);
    expect(inbox.get(t.path) ?? []).toHaveLength(0);
  });
});
