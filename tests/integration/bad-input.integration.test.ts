import { isDeepStrictEqual } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db";
import { createTestApiKey, createTestTenant, makePro, sessionCookie } from "../helpers/fixtures";
import { bearer, callTrpc, describeResponse, getRaw, postRaw, tenantSnapshot, type TrpcResponse } from "../helpers/trpc-http";

/**
 * Every malformed input a caller could send is refused with the field named
 * (BAD_REQUEST, or CONFLICT for a field locked by the experiment's state) and
 * writes nothing. Each case starts from an input that is accepted (checked at
 * the end) and breaks one thing.
 */

type As = "session" | "secret" | "publishable";

let tenantId: string;
let headers: Record<As, Record<string, string>>;
let running: { id: string; key: string };
let draft: { id: string; key: string };
let ownerId: string;
const VISITOR = "bad-input-visitor";

let keySeq = 0;
const freshKey = () => `bad-${++keySeq}-${Date.now().toString(36)}`;

const variant = (key: string, price: unknown, extra: Record<string, unknown> = {}) => ({ key, name: `Price ${key}`, price, weight: 50, ...extra });
const twoVariants = () => [variant("control", "10.00", { isControl: true }), variant("high", "12.00")];
const validExperiment = (): Record<string, unknown> => ({ key: freshKey(), name: "Checkout price", currency: "USD", variants: twoVariants() });
const withVariant = (i: number, patch: Record<string, unknown>) => {
  const e = validExperiment();
  const variants = twoVariants().map((v, j) => (j === i ? { ...v, ...patch } : v));
  return { ...e, variants };
};
const without = (o: Record<string, unknown>, field: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== field));
const validEvent = (): Record<string, unknown> => ({ experimentKey: running.key, visitorId: VISITOR, type: "conversion", revenue: "5.00" });

interface Refusal {
  /** What the case breaks, for the test name. */
  what: string;
  path: string;
  as: As;
  input: () => unknown;
  /** The field path the message must name, as `field: problem`. */
  field: string;
  code?: "BAD_REQUEST" | "CONFLICT";
  appCode?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One summary per call, so a failure shows at once the status, the code, whether the field was named and whether anything was written. */
async function expectRefusedWithoutWrites(r: Pick<Refusal, "field" | "code" | "appCode">, call: () => Promise<TrpcResponse>) {
  const before = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
  const res = await call();
  const after = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
  const code = r.code ?? "BAD_REQUEST";
  const top = r.field.split(".")[0] ?? r.field;
  const invalidInput = res.error?.data.appCode === "INVALID_INPUT";
  const actual = {
    status: res.status,
    code: res.error?.data.code,
    appCode: res.error?.data.appCode,
    namesField: new RegExp(`(^|; )${escape(r.field)}: `).test(res.error?.message ?? ""),
    ...(invalidInput ? { zodErrorNamesField: (res.error?.data.zodError?.fieldErrors[top]?.length ?? 0) > 0 } : {}),
    wroteNothing: isDeepStrictEqual(before, after),
  };
  expect(actual, describeResponse(res)).toEqual({
    status: code === "CONFLICT" ? 409 : 400,
    code,
    appCode: r.appCode ?? (code === "BAD_REQUEST" ? "INVALID_INPUT" : actual.appCode),
    namesField: true,
    ...(invalidInput ? { zodErrorNamesField: true } : {}),
    wroteNothing: true,
  });
  return res;
}

const long = (n: number) => "x".repeat(n);
const on = (path: string, as: As, list: Omit<Refusal, "path" | "as">[]): Refusal[] => list.map((c) => ({ ...c, path, as }));

const CREATE = on("experiments.create", "secret", [
  { what: "missing name", input: () => without(validExperiment(), "name"), field: "name" },
  { what: "name of the wrong type", input: () => ({ ...validExperiment(), name: 123 }), field: "name" },
  { what: "name of 256 characters", input: () => ({ ...validExperiment(), name: long(256) }), field: "name" },
  { what: "name of only spaces", input: () => ({ ...validExperiment(), name: "   " }), field: "name" },
  { what: "name with a NUL character", input: () => ({ ...validExperiment(), name: "Checkout\u0000price" }), field: "name" },
  { what: "missing key", input: () => without(validExperiment(), "key"), field: "key" },
  { what: "key that is not a slug", input: () => ({ ...validExperiment(), key: "Checkout Price!" }), field: "key" },
  { what: "key of 65 characters", input: () => ({ ...validExperiment(), key: long(65) }), field: "key" },
  { what: "negative price", input: () => withVariant(0, { price: "-5.00" }), field: "variants.0.price" },
  { what: "negative price as a number", input: () => withVariant(1, { price: -5 }), field: "variants.1.price" },
  { what: "price with 3 decimals", input: () => withVariant(1, { price: "19.999" }), field: "variants.1.price" },
  { what: "price with 3 decimals as a number", input: () => withVariant(1, { price: 19.999 }), field: "variants.1.price" },
  { what: "price of 0", input: () => withVariant(0, { price: "0.00" }), field: "variants.0.price" },
  { what: "price that is not a number", input: () => withVariant(0, { price: "ten" }), field: "variants.0.price" },
  { what: "price NaN", input: () => withVariant(0, { price: Number.NaN }), field: "variants.0.price" },
  { what: "price above the maximum", input: () => withVariant(0, { price: "100000000.00" }), field: "variants.0.price" },
  { what: "price of the wrong type", input: () => withVariant(0, { price: true }), field: "variants.0.price" },
  { what: "missing variant name", input: () => withVariant(1, { name: undefined }), field: "variants.1.name" },
  {
    what: "11 variants",
    input: () => ({
      ...validExperiment(),
      variants: [variant("v0", "1.00", { isControl: true }), ...Array.from({ length: 10 }, (_, i) => variant(`v${i + 1}`, "2.00"))],
    }),
    field: "variants",
  },
  { what: "1 variant", input: () => ({ ...validExperiment(), variants: [variant("control", "10.00", { isControl: true })] }), field: "variants" },
  { what: "no variants", input: () => ({ ...validExperiment(), variants: [] }), field: "variants" },
  { what: "variants that are not a list", input: () => ({ ...validExperiment(), variants: { control: "10.00" } }), field: "variants" },
  { what: "weight 0", input: () => withVariant(0, { weight: 0 }), field: "variants.0.weight" },
  { what: "weight 1.5", input: () => withVariant(1, { weight: 1.5 }), field: "variants.1.weight" },
  { what: "weight as a string", input: () => withVariant(1, { weight: "50" }), field: "variants.1.weight" },
  { what: "weight Infinity", input: () => withVariant(1, { weight: Number.POSITIVE_INFINITY }), field: "variants.1.weight" },
  { what: 'unknown currency "ABC"', input: () => ({ ...validExperiment(), currency: "ABC" }), field: "currency" },
  { what: "currency of 2 letters", input: () => ({ ...validExperiment(), currency: "US" }), field: "currency" },
  { what: "currency as a number", input: () => ({ ...validExperiment(), currency: 840 }), field: "currency" },
  { what: "two controls", input: () => withVariant(1, { isControl: true }), field: "variants" },
  { what: "no control", input: () => withVariant(0, { isControl: false }), field: "variants" },
  { what: "duplicate variant keys", input: () => withVariant(1, { key: "control" }), field: "variants.1.key" },
  { what: "variant key that is not a slug", input: () => withVariant(1, { key: "High Price" }), field: "variants.1.key" },
  {
    what: "endDate before startDate",
    input: () => ({ ...validExperiment(), startDate: new Date("2030-02-01T00:00:00Z"), endDate: new Date("2030-01-01T00:00:00Z") }),
    field: "endDate",
  },
  {
    what: "endDate equal to startDate",
    input: () => ({ ...validExperiment(), startDate: new Date("2030-02-01T00:00:00Z"), endDate: new Date("2030-02-01T00:00:00Z") }),
    field: "endDate",
  },
  { what: "startDate that is not a date", input: () => ({ ...validExperiment(), startDate: "next tuesday" }), field: "startDate" },
  {
    what: "startDate PostgreSQL cannot store",
    input: () => ({ ...validExperiment(), startDate: new Date("-100000-01-01T00:00:00Z") }),
    field: "startDate",
  },
  { what: "targetSampleSize 0", input: () => ({ ...validExperiment(), targetSampleSize: 0 }), field: "targetSampleSize" },
  { what: "targetSampleSize 1.5", input: () => ({ ...validExperiment(), targetSampleSize: 1.5 }), field: "targetSampleSize" },
  { what: "negative unitCost", input: () => ({ ...validExperiment(), unitCost: "-1.00" }), field: "unitCost" },
  { what: "unknown banditMetric", input: () => ({ ...validExperiment(), banditMetric: "profit" }), field: "banditMetric" },
  { what: "description of 5001 characters", input: () => ({ ...validExperiment(), description: long(5001) }), field: "description" },
  { what: "metadata over 4 KB", input: () => withVariant(0, { metadata: { blob: long(5000) } }), field: "variants.0.metadata" },
  { what: "metadata that is a list", input: () => withVariant(0, { metadata: ["a"] }), field: "variants.0.metadata" },
  { what: "metadata with a NUL character", input: () => withVariant(0, { metadata: { plan: "pro\u0000" } }), field: "variants.0.metadata" },
  { what: "description with a NUL character", input: () => ({ ...validExperiment(), description: "line\u0000" }), field: "description" },
  { what: "metadata holding a BigInt", input: () => withVariant(0, { metadata: { units: 10n } }), field: "variants.0.metadata" },
]);

const UPDATE = on("experiments.update", "session", [
  {
    what: "a running experiment's prices (variants)",
    input: () => ({ id: running.id, variants: [variant("control", "10.00", { isControl: true }), variant("high", "15.00")] }),
    field: "variants",
    code: "CONFLICT",
    appCode: "EXPERIMENT_LOCKED",
  },
  {
    what: "a running experiment's currency",
    input: () => ({ id: running.id, currency: "EUR" }),
    field: "currency",
    code: "CONFLICT",
    appCode: "EXPERIMENT_LOCKED",
  },
  {
    what: "a running experiment's key",
    input: () => ({ id: running.id, key: "renamed-key" }),
    field: "key",
    code: "CONFLICT",
    appCode: "EXPERIMENT_LOCKED",
  },
  {
    what: "a running experiment's unitCost",
    input: () => ({ id: running.id, unitCost: "3.00" }),
    field: "unitCost",
    code: "CONFLICT",
    appCode: "EXPERIMENT_LOCKED",
  },
  { what: "id that is not a uuid", input: () => ({ id: "exp-1", name: "x" }), field: "id" },
  { what: "name of 256 characters", input: () => ({ id: draft.id, name: long(256) }), field: "name" },
  { what: "weight 0", input: () => ({ id: running.id, weights: { control: 0 } }), field: "weights.control" },
  { what: "weight of an unknown variant", input: () => ({ id: running.id, weights: { nope: 10 } }), field: "weights", appCode: "UNKNOWN_VARIANT" },
  {
    what: "endDate before the start",
    input: () => ({ id: running.id, endDate: new Date("2001-01-01T00:00:00Z") }),
    field: "endDate",
    appCode: "INVALID_DATES",
  },
  { what: "targetSampleSize beyond what is stored", input: () => ({ id: draft.id, targetSampleSize: 3_000_000_000 }), field: "targetSampleSize" },
  {
    what: "variants with two controls",
    input: () => ({ id: draft.id, variants: [variant("a", "1.00", { isControl: true }), variant("b", "2.00", { isControl: true })] }),
    field: "variants",
  },
]);

const OTHER_DASHBOARD = [
  ...on("experiments.get", "secret", [{ what: "id that is not a uuid", input: () => ({ id: "12" }), field: "id" }]),
  ...on("experiments.list", "secret", [
    { what: "limit 101", input: () => ({ limit: 101 }), field: "limit" },
    { what: "unknown status", input: () => ({ status: "live" }), field: "status" },
    { what: "cursor that is not a uuid", input: () => ({ cursor: "page-2" }), field: "cursor" },
  ]),
  ...on("experiments.start", "secret", [{ what: "missing id", input: () => ({}), field: "id" }]),
  ...on("experiments.complete", "secret", [
    { what: "missing winningVariantKey", input: () => ({ id: running.id }), field: "winningVariantKey" },
    {
      what: "a winner that is not a variant",
      input: () => ({ id: running.id, winningVariantKey: "nope" }),
      field: "winningVariantKey",
      appCode: "WINNER_REQUIRED",
    },
  ]),
  ...on("experiments.results", "secret", [{ what: "id that is not a uuid", input: () => ({ id: running.key }), field: "id" }]),
  ...on("experiments.summaries", "secret", [{ what: "an id that is not a uuid", input: () => ({ ids: [running.id, "12"] }), field: "ids.1" }]),
  ...on("experiments.reweightHistory", "secret", [{ what: "id that is not a uuid", input: () => ({ id: 7 }), field: "id" }]),
  ...on("experiments.timeline", "secret", [
    { what: "id that is not a uuid", input: () => ({ id: running.key }), field: "id" },
    { what: "missing id", input: () => ({}), field: "id" },
  ]),
  ...on("apiKeys.create", "session", [
    { what: "unknown kind", input: () => ({ kind: "admin", name: "k" }), field: "kind" },
    { what: "empty name", input: () => ({ kind: "secret", name: " " }), field: "name" },
    { what: "name with a NUL character", input: () => ({ kind: "secret", name: "server\u0000key" }), field: "name" },
  ]),
  ...on("apiKeys.revoke", "session", [{ what: "id that is not a uuid", input: () => ({ id: "po_sk_1234" }), field: "id" }]),
  ...on("settings.update", "session", [
    { what: "name of 256 characters", input: () => ({ name: long(256) }), field: "name" },
    { what: "name with a NUL character", input: () => ({ name: "Shop\u0000Inc" }), field: "name" },
    { what: "an origin with a path", input: () => ({ allowedOrigins: ["https://shop.example.com/checkout"] }), field: "allowedOrigins.0" },
    {
      what: "51 origins",
      input: () => ({ allowedOrigins: Array.from({ length: 51 }, (_, i) => `https://s${i}.example.com`) }),
      field: "allowedOrigins",
    },
    { what: "a webhook URL that is not http(s)", input: () => ({ webhookUrl: "ftp://hooks.example.com" }), field: "webhookUrl" },
    { what: "unknown mode", input: () => ({ mode: "hosted" }), field: "mode" },
    { what: "byok without a Paid.ai key", input: () => ({ mode: "byok" }), field: "paidApiKey", appCode: "PAID_KEY_REQUIRED" },
    { what: "Paid.ai key of 3 characters", input: () => ({ paidApiKey: "abc" }), field: "paidApiKey" },
  ]),
  ...on("members.invite", "session", [
    { what: "email that is not an address", input: () => ({ email: "not-an-email", role: "member" }), field: "email" },
    { what: "unknown role", input: () => ({ email: "new.member@test.local", role: "superuser" }), field: "role" },
    { what: "email with a NUL character", input: () => ({ email: "new\u0000member@test.local", role: "member" }), field: "email" },
  ]),
  ...on("members.changeRole", "session", [
    { what: "userId that is not a uuid", input: () => ({ userId: "me", role: "admin" }), field: "userId" },
    { what: "unknown role", input: () => ({ userId: ownerId, role: "root" }), field: "role" },
  ]),
  ...on("members.remove", "session", [{ what: "userId that is not a uuid", input: () => ({ userId: 1 }), field: "userId" }]),
  ...on("members.revokeInvitation", "session", [{ what: "id that is not a uuid", input: () => ({ id: "inv" }), field: "id" }]),
  ...on("auth.invitation", "session", [{ what: "token too short", input: () => ({ token: "abc" }), field: "token" }]),
  ...on("auth.acceptInvitation", "session", [
    { what: "token too short", input: () => ({ token: "abc" }), field: "token" },
    { what: "missing token", input: () => ({}), field: "token" },
  ]),
];

const ASSIGN = [
  ...on("assignment.assign", "publishable", [
    { what: "missing visitorId", input: () => ({ experimentKey: running.key }), field: "visitorId" },
    { what: "visitorId of 256 characters", input: () => ({ experimentKey: running.key, visitorId: long(256) }), field: "visitorId" },
    { what: "empty visitorId", input: () => ({ experimentKey: running.key, visitorId: "  " }), field: "visitorId" },
    { what: "visitorId as a number", input: () => ({ experimentKey: running.key, visitorId: 42 }), field: "visitorId" },
    { what: "visitorId with a NUL character", input: () => ({ experimentKey: running.key, visitorId: "visitor\u00001" }), field: "visitorId" },
    { what: "experimentKey of the wrong type", input: () => ({ experimentKey: 123, visitorId: "v-1" }), field: "experimentKey" },
    { what: "missing experimentKey", input: () => ({ visitorId: "v-1" }), field: "experimentKey" },
    { what: "experimentKey that is not a slug", input: () => ({ experimentKey: "Checkout Price", visitorId: "v-1" }), field: "experimentKey" },
  ]),
  ...on("assignment.assignMany", "publishable", [
    { what: "assignMany: no experiment keys", input: () => ({ visitorId: "v-1", experimentKeys: [] }), field: "experimentKeys" },
    {
      what: "assignMany: 21 experiment keys",
      input: () => ({ visitorId: "v-1", experimentKeys: Array.from({ length: 21 }, (_, i) => `k${i}`) }),
      field: "experimentKeys",
    },
    { what: "assignMany: a key of the wrong type", input: () => ({ visitorId: "v-1", experimentKeys: [running.key, 5] }), field: "experimentKeys.1" },
    { what: "assignMany: missing visitorId", input: () => ({ experimentKeys: [running.key] }), field: "visitorId" },
  ]),
];

const TRACK = on("events.track", "publishable", [
  { what: "negative revenue", input: () => ({ ...validEvent(), revenue: "-1.00" }), field: "revenue" },
  { what: "negative revenue as a number", input: () => ({ ...validEvent(), revenue: -1 }), field: "revenue" },
  { what: 'revenue "abc"', input: () => ({ ...validEvent(), revenue: "abc" }), field: "revenue" },
  { what: "revenue with 3 decimals", input: () => ({ ...validEvent(), revenue: "1.234" }), field: "revenue" },
  { what: "revenue above the maximum", input: () => ({ ...validEvent(), revenue: "10000000.00" }), field: "revenue" },
  { what: "revenue of the wrong type", input: () => ({ ...validEvent(), revenue: { amount: 5 } }), field: "revenue" },
  { what: 'type "purchase"', input: () => ({ ...validEvent(), type: "purchase" }), field: "type" },
  { what: "missing type", input: () => without(validEvent(), "type"), field: "type" },
  { what: "idempotencyKey of 256 characters", input: () => ({ ...validEvent(), idempotencyKey: long(256) }), field: "idempotencyKey" },
  { what: "empty idempotencyKey", input: () => ({ ...validEvent(), idempotencyKey: "" }), field: "idempotencyKey" },
  { what: "idempotencyKey with a NUL character", input: () => ({ ...validEvent(), idempotencyKey: "order\u00001" }), field: "idempotencyKey" },
  { what: "missing visitorId", input: () => without(validEvent(), "visitorId"), field: "visitorId" },
  { what: "visitorId with a NUL character", input: () => ({ ...validEvent(), visitorId: "visitor\u00001" }), field: "visitorId" },
  { what: "visitorId of 256 characters", input: () => ({ ...validEvent(), visitorId: long(256) }), field: "visitorId" },
  { what: "experimentKey of the wrong type", input: () => ({ ...validEvent(), experimentKey: ["a"] }), field: "experimentKey" },
]);

const BATCH = on("events.trackBatch", "secret", [
  {
    what: "101 events (all valid)",
    input: () => ({ events: Array.from({ length: 101 }, (_, i) => ({ ...validEvent(), idempotencyKey: `batch-101-${i}` })) }),
    field: "events",
  },
  { what: "no events", input: () => ({ events: [] }), field: "events" },
  { what: "events that are not a list", input: () => ({ events: validEvent() }), field: "events" },
  { what: "missing events", input: () => ({}), field: "events" },
]);

beforeAll(async () => {
  const { tenant, user } = await createTestTenant("bad-input", "owner");
  // Dozens of calls a second through one key: the free plan's rate limit is not what these tests are about.
  await makePro(tenant.id);
  tenantId = tenant.id;
  ownerId = user.id;
  headers = {
    session: { cookie: await sessionCookie(user.id) },
    secret: bearer(await createTestApiKey(tenant.id, "secret")),
    publishable: bearer(await createTestApiKey(tenant.id, "publishable")),
  };
  const created = await callTrpc("experiments.create", { key: "bad-input-running", name: "Running", variants: twoVariants() }, headers.secret);
  running = created.data as { id: string; key: string };
  expect((await callTrpc("experiments.start", { id: running.id }, headers.secret)).status).toBe(200);
  draft = (await callTrpc("experiments.create", { key: "bad-input-draft", name: "Draft", variants: twoVariants() }, headers.secret))
    .data as typeof draft;
  const assigned = await callTrpc("assignment.assign", { experimentKey: running.key, visitorId: VISITOR }, headers.publishable);
  expect(assigned.data, describeResponse(assigned)).toMatchObject({ reason: "assigned" });
});

describe.each([
  ["experiments.create", CREATE],
  ["experiments.update", UPDATE],
  ["other dashboard procedures", OTHER_DASHBOARD],
  ["assignment", ASSIGN],
  ["events.track", TRACK],
  ["events.trackBatch", BATCH],
])("%s refuses malformed input, naming the field, and writes nothing", (_, cases) => {
  it.each(cases.map((c) => [`${c.path}: ${c.what} → ${c.code ?? "BAD_REQUEST"} naming ${c.field}`, c] as const))("%s", async (_name, c) => {
    await expectRefusedWithoutWrites(c, () => callTrpc(c.path, c.input(), headers[c.as]));
  });
});

describe("experiments.update does not silently ignore a field it does not have", () => {
  // A caller who believes it changed the price must not get a success that changed nothing.
  it("refuses a top-level price on a running experiment with BAD_REQUEST naming it, and writes nothing", async () => {
    const before = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
    const res = await callTrpc("experiments.update", { id: running.id, price: "9.99" }, headers.session);
    const after = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
    expect(
      {
        status: res.status,
        code: res.error?.data.code,
        namesPrice: (res.error?.message ?? "").includes("price"),
        wroteNothing: isDeepStrictEqual(before, after),
      },
      describeResponse(res),
    ).toEqual({ status: 400, code: "BAD_REQUEST", namesPrice: true, wroteNothing: true });
  });
});

describe("events.trackBatch with one bad event among good ones", () => {
  it("counts the good events and rejects each bad one with its reason naming the field", async () => {
    const db = getDb();
    const totals = async () => {
      const m = await db.variantMetric.aggregate({ where: { variant: { experimentId: running.id } }, _sum: { conversions: true, revenue: true } });
      const a = await db.assignment.findUniqueOrThrow({ where: { experimentId_visitorId: { experimentId: running.id, visitorId: VISITOR } } });
      const keys = await db.processedEvent.findMany({ where: { tenantId }, select: { idempotencyKey: true } });
      return {
        conversions: m._sum.conversions ?? 0,
        revenue: m._sum.revenue?.toFixed(2) ?? "0.00",
        visitorConversions: a.conversions,
        visitorRevenue: a.revenue.toFixed(2),
        idempotencyKeys: keys.map((k) => k.idempotencyKey).sort(),
      };
    };
    const before = await totals();
    const events = [
      { ...validEvent(), revenue: "5.00", idempotencyKey: "mixed-good-1" },
      { ...validEvent(), revenue: "abc", idempotencyKey: "mixed-bad-revenue" },
      { ...validEvent(), revenue: 7, idempotencyKey: "mixed-good-2" },
      { ...validEvent(), type: "purchase", idempotencyKey: "mixed-bad-type" },
      { ...validEvent(), visitorId: long(256), idempotencyKey: "mixed-bad-visitor" },
      null,
    ];
    const res = await callTrpc("events.trackBatch", { events }, headers.publishable);
    expect(res.status, describeResponse(res)).toBe(200);
    const out = res.data as {
      accepted: number;
      rejected: number;
      results: { index: number; ok: boolean; error?: { code: string; message: string } }[];
    };
    expect([out.accepted, out.rejected]).toEqual([2, 4]);
    expect(out.results.map((r) => [r.index, r.ok, r.error?.code ?? null])).toEqual([
      [0, true, null],
      [1, false, "BAD_REQUEST"],
      [2, true, null],
      [3, false, "BAD_REQUEST"],
      [4, false, "BAD_REQUEST"],
      [5, false, "BAD_REQUEST"],
    ]);
    expect(out.results[1]?.error?.message).toMatch(/^revenue: /);
    expect(out.results[3]?.error?.message).toMatch(/^type: /);
    expect(out.results[4]?.error?.message).toMatch(/^visitorId: /);
    expect(out.results[5]?.error?.message).toMatch(/^event: /);
    expect(await totals()).toEqual({
      conversions: before.conversions + 2,
      revenue: (Number(before.revenue) + 12).toFixed(2),
      visitorConversions: before.visitorConversions + 2,
      visitorRevenue: (Number(before.visitorRevenue) + 12).toFixed(2),
      idempotencyKeys: [...before.idempotencyKeys, "mixed-good-1", "mixed-good-2"].sort(),
    });
  });
});

describe("events.trackBatch with an event the database cannot store", () => {
  // Events before the bad one are already counted: a 500 here makes the caller retry and count them twice.
  it("rejects that event alone, naming the field, and counts the others once", async () => {
    const db = getDb();
    const conversions = async () =>
      (await db.variantMetric.aggregate({ where: { variant: { experimentId: running.id } }, _sum: { conversions: true } }))._sum.conversions ?? 0;
    const before = await conversions();
    const events = [
      { ...validEvent(), idempotencyKey: "nul-good-1" },
      { ...validEvent(), visitorId: "visitor\u00001", idempotencyKey: "nul-bad" },
      { ...validEvent(), idempotencyKey: "nul-good-2" },
    ];
    const res = await callTrpc("events.trackBatch", { events }, headers.publishable);
    const out = res.data as { accepted: number; rejected: number; results: { ok: boolean; error?: { code: string; message: string } }[] } | undefined;
    expect(
      {
        status: res.status,
        accepted: out?.accepted,
        rejected: out?.rejected,
        badEvent: [out?.results[1]?.error?.code, /^visitorId: /.test(out?.results[1]?.error?.message ?? "")],
        conversionsAdded: (await conversions()) - before,
      },
      describeResponse(res),
    ).toEqual({ status: 200, accepted: 2, rejected: 1, badEvent: ["BAD_REQUEST", true], conversionsAdded: 2 });
  });
});

describe("auth.signUp refuses malformed input, naming the field, and creates no account", () => {
  const email = () => `bad-signup-${Math.random().toString(36).slice(2, 10)}@test.local`;
  it.each([
    ["password of 9 characters", { password: "123456789" }, "password"],
    ["password of 201 characters", { password: long(201) }, "password"],
    ["email that is not an address", { email: "nobody" }, "email"],
    ["empty name", { name: " " }, "name"],
    ["name with a NUL character", { name: "New\u0000Person" }, "name"],
    ["workspaceName of 256 characters", { workspaceName: long(256) }, "workspaceName"],
    ["workspaceName with a NUL character", { workspaceName: "Shop\u0000" }, "workspaceName"],
    ["invitationToken too short", { invitationToken: "abc" }, "invitationToken"],
  ] as const)("%s → BAD_REQUEST naming the field", async (_what, patch, field) => {
    const input: Record<string, unknown> = { name: "New Person", email: email(), password: "a long password 1", ...patch };
    const res = await expectRefusedWithoutWrites({ field }, () => callTrpc("auth.signUp", input, {}));
    expect(res.error?.data.code).toBe("BAD_REQUEST");
    if (typeof input.email === "string") expect(await getDb().user.count({ where: { email: input.email.toLowerCase() } })).toBe(0);
  });

  it("accepts the input these cases start from", async () => {
    const res = await callTrpc("auth.signUp", { name: "New Person", email: email(), password: "a long password 1" }, {});
    expect(res.data, describeResponse(res)).toMatchObject({ joined: false });
  });
});

describe("a request that is not valid tRPC input at all", () => {
  const invalidBody = { field: "", code: "BAD_REQUEST" as const };
  async function expectBadRequestWithoutWrites(call: () => Promise<TrpcResponse>) {
    const before = await tenantSnapshot(tenantId, { ignoreKeyUsage: true });
    const res = await call();
    const label = describeResponse(res);
    expect(res.status, label).toBe(400);
    expect(res.error?.data.code, label).toBe(invalidBody.code);
    expect(res.error?.message, label).not.toMatch(/Internal error/);
    expect(await tenantSnapshot(tenantId, { ignoreKeyUsage: true }), `${label}: a refused call wrote`).toEqual(before);
  }

  it("refuses a malformed JSON body with BAD_REQUEST, not 500", async () => {
    await expectBadRequestWithoutWrites(() => postRaw("experiments.create", '{"json": {"key": "x", "name": ', headers.secret));
    await expectBadRequestWithoutWrites(() => postRaw("events.track", "{not json", headers.publishable));
  });

  it("refuses an empty body and a body of null", async () => {
    await expectBadRequestWithoutWrites(() => postRaw("assignment.assign", "", headers.publishable));
    await expectBadRequestWithoutWrites(() => postRaw("assignment.assign", "null", headers.publishable));
  });

  it("refuses a body outside superjson's envelope", async () => {
    await expectBadRequestWithoutWrites(() =>
      postRaw("assignment.assign", JSON.stringify({ experimentKey: running.key, visitorId: "raw" }), headers.publishable),
    );
  });

  it("refuses superjson metadata that does not fit the value", async () => {
    const body = JSON.stringify({ json: { experimentKey: running.key, visitorId: "meta" }, meta: { values: { visitorId: ["bigint"] } } });
    await expectBadRequestWithoutWrites(() => postRaw("assignment.assign", body, headers.publishable));
  });

  it("refuses a malformed ?input= on a query", async () => {
    await expectBadRequestWithoutWrites(() => getRaw("experiments.get", '{"json": {"id": ', headers.secret));
  });

  it("refuses a body of another content type with 415, not 500", async () => {
    const res = await postRaw("assignment.assign", "experimentKey=x", { ...headers.publishable, "content-type": "text/plain" });
    expect(res.status, describeResponse(res)).toBe(415);
    expect(res.error?.data.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});

describe("the valid inputs the cases start from", () => {
  it("are accepted, so each refusal above is about the one thing broken", async () => {
    const ok = async (path: string, input: unknown, as: As) => {
      const res = await callTrpc(path, input, headers[as]);
      expect(res.status, `${path}: ${describeResponse(res)}`).toBe(200);
      return res.data;
    };
    await ok("experiments.create", validExperiment(), "secret");
    await ok(
      "experiments.create",
      { ...validExperiment(), startDate: new Date("2030-01-01T00:00:00Z"), endDate: new Date("2030-02-01T00:00:00Z") },
      "secret",
    );
    await ok("experiments.update", { id: running.id, name: "Renamed while running", weights: { control: 10 } }, "session");
    await ok("experiments.update", { id: draft.id, targetSampleSize: 1000, variants: twoVariants() }, "session");
    await ok("assignment.assign", { experimentKey: running.key, visitorId: long(255) }, "publishable");
    await ok("assignment.assignMany", { visitorId: "v-1", experimentKeys: [running.key] }, "publishable");
    expect(await ok("events.track", { ...validEvent(), idempotencyKey: long(255) }, "publishable")).toMatchObject({ counted: true });
    const batch = await ok("events.trackBatch", { events: Array.from({ length: 100 }, () => validEvent()) }, "secret");
    expect(batch).toMatchObject({ accepted: 100, rejected: 0 });
  });
});
