import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { decodeKey32 } from "../../src/env/schema";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { encryptSecret } from "../../src/server/crypto/secret-box";
import { getDb } from "../../src/server/db";
import { trackConversion } from "../../src/server/events/track-conversion";
import { drainPaidSignals } from "../../src/server/paid/drain-signals";
import { createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment, deps } from "../helpers/experiments";

const key = decodeKey32(env.API_KEY_ENCRYPTION_KEY) ?? Buffer.alloc(32);

/**
 * A local Paid.ai that speaks POST /signals/bulk: it fails while `failing` > 0, and once
 * (`ingestThenFail`) stores the batch but answers 500, as when a response is lost. Like
 * Paid.ai it ignores a signal whose idempotencyKey it has already ingested.
 */
let server: Server;
let base = "";
let failing = 0;
let ingestThenFail = false;
const ingested = new Map<string, { token: string; customer: string; revenue: string }>();
let duplicates = 0;
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    // Node's server ignores a handler's promise; a rejection stays unhandled, which vitest reports.
    void (async () => {
      let text = "";
      for await (const chunk of req) text += String(chunk);
      requests++;
      if (req.method !== "POST" || !req.url?.endsWith("/signals/bulk")) return void res.writeHead(404).end();
      if (failing > 0) {
        failing--;
        return void res.writeHead(500, { "content-type": "application/json" }).end('{"error":"down"}');
      }
      const body = JSON.parse(text) as { signals: { idempotencyKey: string; customer: { externalCustomerId: string }; data: { revenue: string } }[] };
      for (const s of body.signals) {
        if (ingested.has(s.idempotencyKey)) duplicates++;
        else
          ingested.set(s.idempotencyKey, {
            token: String(req.headers.authorization),
            customer: s.customer.externalCustomerId,
            revenue: s.data.revenue,
          });
      }
      if (ingestThenFail) {
        ingestThenFail = false;
        return void res.writeHead(500).end();
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ingested: body.signals.length, duplicates: 0, failed: 0 }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const managed = { platformMode: "hybrid" as const, managedKey: true };

describe("Paid.ai usage signals", () => {
  it("queues one signal per counted conversion in the conversion's own statement, none for duplicates", async () => {
    const { tenant } = await createTestTenant("paid-queue");
    const exp = await createPriceExperiment(tenant.id);
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "v1" });
    const input = { experimentKey: exp.key, visitorId: "v1", type: "conversion" as const, revenue: "24.00", idempotencyKey: "order-1" };
    await trackConversion(deps(), tenant.id, input, managed);
    await trackConversion(deps(), tenant.id, input, managed);
    const rows = await getDb().outboxMessage.findMany({ where: { tenantId: tenant.id, topic: "paid.signal" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toMatchObject({ experimentKey: exp.key, visitorId: "v1", revenue: 24, currency: "USD", billing: "managed" });
    // No managed key, managed tenant: nothing is queued (hybrid); byok-only: only byok tenants.
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "v2" });
    await trackConversion(deps(), tenant.id, { ...input, visitorId: "v2", idempotencyKey: "order-2" }, { platformMode: "hybrid", managedKey: false });
    await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId: "v3" });
    await trackConversion(
      deps(),
      tenant.id,
      { ...input, visitorId: "v3", idempotencyKey: "order-3" },
      { platformMode: "byok-only", managedKey: true },
    );
    expect(await getDb().outboxMessage.count({ where: { tenantId: tenant.id, topic: "paid.signal" } })).toBe(1);
    await getDb().outboxMessage.deleteMany({ where: { tenantId: tenant.id } });
  });

  it("delivers every signal exactly once through outages, a lost answer and backoff, on the right key", async () => {
    const byok = await createTestTenant("paid-byok");
    await getDb().tenant.update({
      where: { id: byok.tenant.id },
      data: { mode: "byok", paidApiKeyEncrypted: encryptSecret(key, "tenant-own-paid-key"), paidApiBaseUrl: base },
    });
    const man = await createTestTenant("paid-managed");
    const expected = new Map<string, string>();
    for (const t of [byok, man]) {
      const exp = await createPriceExperiment(t.tenant.id);
      for (let i = 0; i < 15; i++) {
        const visitorId = `buyer-${i}`;
        await assignVariant(deps(), t.tenant.id, { experimentKey: exp.key, visitorId });
        await trackConversion(
          deps(),
          t.tenant.id,
          { experimentKey: exp.key, visitorId, type: "conversion", revenue: `${10 + i}.00`, idempotencyKey: `o-${i}` },
          managed,
        );
      }
    }
    const queued = await getDb().outboxMessage.findMany({ where: { tenantId: { in: [byok.tenant.id, man.tenant.id] }, topic: "paid.signal" } });
    expect(queued).toHaveLength(30);
    for (const q of queued) expected.set(q.id, q.tenantId);

    failing = 3;
    ingestThenFail = true;
    const paidDeps = { db: getDb(), encryptionKey: key, managedKey: "platform-managed-key", baseUrl: base };
    let now = new Date();
    for (let round = 0; round < 10; round++) {
      await drainPaidSignals(paidDeps, { now });
      const left = await getDb().outboxMessage.findMany({ where: { id: { in: [...expected.keys()] }, processedAt: null } });
      if (left.length === 0) break;
      now = new Date(Math.max(...left.map((m) => m.availableAt.getTime())));
    }
    const ours = [...ingested].filter(([id]) => expected.has(id));
    expect(ours).toHaveLength(30);
    expect(duplicates).toBeGreaterThanOrEqual(1);
    for (const [id, s] of ours) {
      const tenantId = expected.get(id);
      if (tenantId === byok.tenant.id)
        expect(s).toMatchObject({ token: "Bearer tenant-own-paid-key", customer: expect.stringMatching(/^buyer-\d+$/) });
      else expect(s).toMatchObject({ token: "Bearer platform-managed-key", customer: man.tenant.id });
    }
    const rows = await getDb().outboxMessage.findMany({ where: { id: { in: [...expected.keys()] } } });
    expect(rows.every((r) => r.processedAt !== null && r.lastError === null)).toBe(true);
    // Three outages and one lost answer cost some messages more attempts, with growing delays.
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThanOrEqual(2);
    expect(requests).toBeGreaterThan(2);
  });
});
