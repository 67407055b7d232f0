import { createServer, type Server, type Socket, connect } from "node:net";
import { describe, expect, it } from "vitest";
import { createDb } from "../../src/server/db";
import { freePort } from "../../src/server/db/embedded-postgres";
import { hotQuery } from "../../src/server/db/hot-query";
import { getDb } from "../../src/server/db";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";
import { bearer, callTrpc, describeResponse, postRaw, tenantSnapshot } from "../helpers/trpc-http";

// Sent as plain JSON in superjson's envelope: superjson itself refuses to serialize these shapes.
const createRaw = (input: unknown, cookie: string) => postRaw("experiments.create", JSON.stringify({ json: input }), { cookie });

/** A TCP relay to PostgreSQL that can refuse connections, as a database outage does. */
async function relayTo(target: URL) {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const drop = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", drop).on("close", drop);
        upstream.on("error", drop).on("close", drop);
      });
      server.listen(port, "127.0.0.1", () => resolve());
    });
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (server) server.close(() => resolve());
      else resolve();
    });
  await open();
  return { port, open, close };
}

describe("a PostgreSQL outage", () => {
  it("does not leave the hot path failing after the database is back", async () => {
    const real = new URL(process.env.DATABASE_URL!);
    const relay = await relayTo(real);
    const url = new URL(real);
    url.hostname = "127.0.0.1";
    url.port = String(relay.port);
    const db = createDb(url.toString(), 2);
    try {
      // The outage starts before the first hot-path statement of this process.
      await relay.close();
      await expect(hotQuery(db, "probe_one", "SELECT 1 AS one", [])).rejects.toThrow();
      await relay.open();
      const r = await hotQuery<{ one: number }>(db, "probe_one", "SELECT 1 AS one", []);
      expect(r.rows[0]?.one).toBe(1);
    } finally {
      await relay.close();
      await db.$disconnect();
    }
  });
});

describe("variant metadata with reserved keys", () => {
  const reserved = ["constructor", "prototype"];

  it.each(reserved)("refuses %s at any depth, names the field and writes nothing", async (key) => {
    const { tenant, user } = await createTestTenant("reserved");
    const cookie = await sessionCookie(user.id);
    const before = await tenantSnapshot(tenant.id);
    for (const metadata of [{ [key]: 1 }, { plan: { tier: { [key]: "x" } } }, { list: [{ [key]: true }] }]) {
      const r = await createRaw(
        {
          key: "meta-exp",
          name: "Meta",
          currency: "USD",
          variants: [
            { key: "a", name: "A", price: "10", weight: 1, isControl: true, metadata },
            { key: "b", name: "B", price: "12", weight: 1 },
          ],
        },
        cookie,
      );
      expect(r.status, describeResponse(r)).toBe(400);
      expect(r.error?.message).toContain("reserved");
      expect(r.error?.message).toContain("variants");
    }
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("refuses a __proto__ key sent as JSON instead of silently dropping it", async () => {
    const { tenant, user } = await createTestTenant("proto");
    const cookie = await sessionCookie(user.id);
    const body = `{"json":{"key":"proto-exp","name":"P","currency":"USD","variants":[{"key":"a","name":"A","price":"10","weight":1,"isControl":true,"metadata":{"__proto__":{"admin":true}}},{"key":"b","name":"B","price":"12","weight":1}]}}`;
    const r = await postRaw("experiments.create", body, { cookie });
    expect(r.status, describeResponse(r)).toBe(400);
    expect(r.error?.message).toContain("variants.0.metadata.__proto__");
    expect(await getDb().experiment.count({ where: { tenantId: tenant.id } })).toBe(0);
  });

  it("keeps a tenant working when such a key was stored before it was refused", async () => {
    const { tenant, user } = await createTestTenant("legacy-meta");
    const cookie = await sessionCookie(user.id);
    const key = await createTestApiKey(tenant.id);
    const exp = await createPriceExperiment(tenant.id);
    await getDb()
      .$executeRaw`UPDATE variants SET metadata = '{"constructor": {"prototype": 1}, "prototype": 2, "badge": "new"}'::jsonb WHERE experiment_id = ${exp.id}::uuid`;
    const list = await callTrpc("experiments.list", undefined, { cookie });
    expect(list.status, describeResponse(list)).toBe(200);
    const got = await callTrpc("experiments.get", { id: exp.id }, { cookie });
    expect(got.status, describeResponse(got)).toBe(200);
    const assigned = await callTrpc("assignment.assign", { experimentKey: exp.key, visitorId: "legacy-visitor" }, bearer(key));
    expect(assigned.status, describeResponse(assigned)).toBe(200);
    expect((assigned.data as { metadata: unknown }).metadata).toEqual({ badge: "new" });
  });
});

describe("hostile text", () => {
  it("refuses lone surrogates and deep nesting with 400, not 500", async () => {
    const { tenant, user } = await createTestTenant("hostile");
    const cookie = await sessionCookie(user.id);
    let deep: unknown = 1;
    for (let i = 0; i < 1500; i++) deep = { d: deep };
    const cases: [string, Record<string, unknown>][] = [
      ["name", { name: "bad \uD800 name" }],
      ["description", { description: "x\uDC00" }],
      [
        "metadata",
        {
          variants: [
            { key: "a", name: "A", price: "10", weight: 1, isControl: true, metadata: { note: "\uD83D" } },
            { key: "b", name: "B", price: "12", weight: 1 },
          ],
        },
      ],
      [
        "metadata",
        {
          variants: [
            { key: "a", name: "A", price: "10", weight: 1, isControl: true, metadata: { deep } },
            { key: "b", name: "B", price: "12", weight: 1 },
          ],
        },
      ],
    ];
    for (const [field, override] of cases) {
      const r = await createRaw(
        {
          key: "hostile-exp",
          name: "Hostile",
          currency: "USD",
          variants: [
            { key: "a", name: "A", price: "10", weight: 1, isControl: true },
            { key: "b", name: "B", price: "12", weight: 1 },
          ],
          ...override,
        },
        cookie,
      );
      expect(r.status, `${field}: ${describeResponse(r)}`).toBe(400);
      expect(r.error?.message).toContain(field);
    }
    expect(await getDb().experiment.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("REST create with reserved metadata keys", () => {
  it.each(["constructor", "prototype", "__proto__"])("answers 400 naming %s and writes nothing", async (key) => {
    const { POST } = await import("../../src/app/api/v1/[...trpc]/route");
    const { tenant } = await createTestTenant("rest-reserved");
    const apiKey = await createTestApiKey(tenant.id);
    const body = `{"key":"rest-meta","name":"R","currency":"USD","variants":[{"key":"a","name":"A","price":"10","weight":1,"isControl":true,"metadata":{"${key}":{"x":1}}},{"key":"b","name":"B","price":"12","weight":1}]}`;
    const res = await POST(
      new Request("http://localhost/api/v1/experiments", {
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body,
      }),
    );
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(text).toContain(key);
    expect(await getDb().experiment.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});
