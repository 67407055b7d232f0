import { beforeAll, describe, expect, it } from "vitest";
import { GET as restGet, PATCH as restPatch, POST as restPost } from "../../src/app/api/v1/[...trpc]/route";
import { GET as trpcGet, POST as trpcPost } from "../../src/app/api/trpc/[trpc]/route";
import { proxy } from "../../src/proxy";
import { getDb } from "../../src/server/db";
import { MAX_BATCH_CALLS, MAX_REQUEST_BODY_BYTES } from "../../src/shared/api-limits";
import { createPriceExperiment } from "../helpers/experiments";
import { createTestApiKey, createTestTenant, makePro } from "../helpers/fixtures";
import { bearer, callTrpc, describeResponse, tenantSnapshot } from "../helpers/trpc-http";

let tenantId: string;
let secret: Record<string, string>;
let experimentKey: string;

beforeAll(async () => {
  const { tenant } = await createTestTenant("limits");
  // Many calls a second through one key: the plan's rate limit is not what these tests are about.
  await makePro(tenant.id);
  tenantId = tenant.id;
  secret = bearer(await createTestApiKey(tenant.id));
  experimentKey = (await createPriceExperiment(tenant.id)).key;
});

/** A body that arrives in chunks with no Content-Length, as a chunked upload does. */
function streamedBody(totalBytes: number, chunkBytes = 64 * 1024): { body: ReadableStream<Uint8Array>; sent: () => number } {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const chunk = new Uint8Array(Math.min(chunkBytes, totalBytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { body, sent: () => sent };
}

const json = async (res: Response) => JSON.parse(await res.text()) as Record<string, unknown>;

describe("request bodies over the limit", () => {
  const big = `{"json":{"experimentKey":"x","visitorId":"${"v".repeat(MAX_REQUEST_BODY_BYTES)}"}}`;

  it("tRPC answers 413 PAYLOAD_TOO_LARGE from Content-Length, writing nothing", async () => {
    const before = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
    const res = await trpcPost(
      new Request("http://localhost/api/trpc/assignment.assign", {
        method: "POST",
        headers: { ...secret, "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
        body: big,
      }),
    );
    const body = await json(res);
    expect(res.status).toBe(413);
    expect(body).toMatchObject({ error: { json: { data: { code: "PAYLOAD_TOO_LARGE", appCode: "PAYLOAD_TOO_LARGE", httpStatus: 413 } } } });
    expect(await tenantSnapshot(tenantId, { ignoreKeyUsage: true })).toEqual(before);
  });

  it("tRPC stops reading a streamed body without a length once it passes the limit", async () => {
    const upload = streamedBody(50 * 1024 * 1024);
    const res = await trpcPost(
      new Request("http://localhost/api/trpc/events.track", {
        method: "POST",
        headers: { ...secret, "content-type": "application/json" },
        body: upload.body,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(413);
    expect(upload.sent()).toBeLessThan(MAX_REQUEST_BODY_BYTES + 256 * 1024);
  });

  it("REST answers 413 for a declared and for a streamed body", async () => {
    const declared = await restPost(
      new Request("http://localhost/api/v1/assign", {
        method: "POST",
        headers: { ...secret, "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
        body: big,
      }),
    );
    expect(declared.status).toBe(413);
    expect(await json(declared)).toMatchObject({ code: "PAYLOAD_TOO_LARGE", data: { appCode: "PAYLOAD_TOO_LARGE" } });
    const upload = streamedBody(10 * 1024 * 1024);
    const streamed = await restPost(
      new Request("http://localhost/api/v1/track", {
        method: "POST",
        headers: { ...secret, "content-type": "application/json" },
        body: upload.body,
        duplex: "half",
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(upload.sent()).toBeLessThan(MAX_REQUEST_BODY_BYTES + 256 * 1024);
  });

  it("still accepts a body just under the limit", async () => {
    const res = await callTrpc("assignment.assign", { experimentKey, visitorId: "under-limit" }, secret);
    expect(res.status, describeResponse(res)).toBe(200);
  });
});

describe("tRPC batches", () => {
  const batch = (n: number) => {
    const paths = Array.from({ length: n }, () => "events.track").join(",");
    const input = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [String(i), { json: { experimentKey, visitorId: "nobody", type: "conversion", revenue: "1.00" } }]),
    );
    return new Request(`http://localhost/api/trpc/${paths}?batch=1`, {
      method: "POST",
      headers: { ...secret, "content-type": "application/json" },
      body: JSON.stringify(input),
    });
  };

  it(`refuses more than ${MAX_BATCH_CALLS} calls with 400 BATCH_TOO_LARGE naming the limit, before running any`, async () => {
    const before = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
    const res = await trpcPost(batch(1000));
    const body = await json(res);
    expect(res.status).toBe(400);
    expect(body).toMatchObject({ error: { json: { data: { code: "BAD_REQUEST", appCode: "BATCH_TOO_LARGE" } } } });
    expect(JSON.stringify(body)).toContain(`at most ${MAX_BATCH_CALLS} calls`);
    expect(await tenantSnapshot(tenantId, { ignoreKeyUsage: true })).toEqual(before);
  });

  it(`runs a batch of exactly ${MAX_BATCH_CALLS} calls`, async () => {
    const res = await trpcPost(batch(MAX_BATCH_CALLS));
    const body: unknown = JSON.parse(await res.text());
    expect(Array.isArray(body) && body.length).toBe(MAX_BATCH_CALLS);
  });

  it("keeps events.trackBatch's own limit of 100 events", async () => {
    const events = Array.from({ length: 101 }, () => ({ experimentKey, visitorId: "x", type: "conversion", revenue: "1.00" }));
    const res = await callTrpc("events.trackBatch", { events }, secret);
    expect(res.status, describeResponse(res)).toBe(400);
  });
});

describe("malformed percent-encoding in a path", () => {
  it("REST answers 400 INVALID_PATH, not 500", async () => {
    for (const [method, handler] of [
      ["PATCH", restPatch],
      ["GET", restGet],
    ] as const) {
      const res = await handler(
        new Request("http://localhost/api/v1/experiments/%ED%A0%80", {
          method,
          headers: { ...secret, "content-type": "application/json" },
          body: method === "PATCH" ? '{"name":"x"}' : undefined,
        }),
      );
      expect(res.status, `${method}: ${await res.clone().text()}`).toBe(400);
      expect(await json(res)).toMatchObject({ code: "BAD_REQUEST", data: { appCode: "INVALID_PATH" } });
    }
  });

  it("is refused by the proxy with a typed 400 before Next.js decodes the route's parameters (which answers a bare 500)", async () => {
    const rest = proxy(new Request("http://localhost/api/v1/experiments/%ED%A0%80", { method: "PATCH" }));
    expect(rest.status).toBe(400);
    expect(await json(rest)).toMatchObject({ code: "BAD_REQUEST", data: { appCode: "INVALID_PATH" } });
    const trpc = proxy(new Request("http://localhost/api/trpc/%ZZ"));
    expect(trpc.status).toBe(400);
    expect(await json(trpc)).toMatchObject({ error: { json: { data: { appCode: "INVALID_PATH" } } } });
    expect(proxy(new Request("http://localhost/api/v1/experiments/a%20b")).headers.get("x-middleware-next")).toBe("1");
  });

  it("tRPC answers 400, not 500", async () => {
    const res = await trpcGet(new Request("http://localhost/api/trpc/%ED%A0%80", { headers: secret }));
    expect(res.status).toBe(400);
  });
});

describe("REST query parameters named after Object.prototype members", () => {
  it.each(["constructor", "__proto__", "toString", "prototype", "hasOwnProperty"])("?%s= is 400 naming the parameter, not 500", async (name) => {
    const res = await restGet(new Request(`http://localhost/api/v1/experiments?${name}=1`, { headers: secret }));
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(body).toMatchObject({ code: "BAD_REQUEST", message: `${name}: is not a known field`, data: { appCode: "INVALID_INPUT" } });
  });

  it("still serves ordinary query parameters", async () => {
    const res = await restGet(new Request("http://localhost/api/v1/experiments?limit=5", { headers: secret }));
    expect(res.status).toBe(200);
  });
});

describe("renaming an experiment to a key that exists", () => {
  it("is 409 EXPERIMENT_KEY_TAKEN naming the key, and writes nothing", async () => {
    const { tenant } = await createTestTenant("rename");
    const key = bearer(await createTestApiKey(tenant.id));
    const taken = await callTrpc("experiments.create", { key: "taken-key", name: "A", currency: "USD", variants: twoVariants() }, key);
    const other = await callTrpc("experiments.create", { key: "other-key", name: "B", currency: "USD", variants: twoVariants() }, key);
    expect([taken.status, other.status]).toEqual([200, 200]);
    const id = (other.data as { id: string }).id;
    const before = await tenantSnapshot(tenant.id, { ignoreKeyUsage: true });
    const res = await callTrpc("experiments.update", { id, key: "taken-key" }, key);
    expect({ status: res.status, appCode: res.error?.data.appCode }, describeResponse(res)).toEqual({ status: 409, appCode: "EXPERIMENT_KEY_TAKEN" });
    expect(res.error?.message).toMatch(/^key: /);
    const rest = await restPatch(
      new Request(`http://localhost/api/v1/experiments/${id}`, {
        method: "PATCH",
        headers: { ...key, "content-type": "application/json" },
        body: '{"key":"taken-key"}',
      }),
    );
    expect(rest.status).toBe(409);
    expect(await tenantSnapshot(tenant.id, { ignoreKeyUsage: true })).toEqual(before);
    expect(await getDb().experiment.count({ where: { tenantId: tenant.id, key: "taken-key" } })).toBe(1);
  });
});

function twoVariants() {
  return [
    { key: "control", name: "A", price: "10.00", weight: 1, isControl: true },
    { key: "high", name: "B", price: "12.00", weight: 1 },
  ];
}
