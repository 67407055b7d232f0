import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { POST as restPOST } from "../../src/app/api/v1/[...trpc]/route";
import { createCaller } from "../../src/server/api/root";
import { createContext } from "../../src/server/api/trpc";
import { getDb } from "../../src/server/db";
import { ZCreateExperimentInput } from "../../src/shared/schemas/experiments";
import { assignVariant } from "../../src/server/assignment/assign-variant";
import { trackConversion } from "../../src/server/events/track-conversion";
import { experimentSummaries } from "../../src/server/results/experiment-summaries";
import { computeResults } from "../../src/server/results/compute-results";
import { createPriceExperiment, deps } from "../helpers/experiments";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";

async function callerFor(userId: string) {
  const headers = new Headers({ cookie: await sessionCookie(userId) });
  return createCaller(await createContext({ headers, requestId: `test-${Date.now()}` }));
}

const refusal = (e: unknown) => {
  if (!(e instanceof TRPCError)) throw e;
  return { code: e.code, appCode: (e.cause as { appCode?: string } | undefined)?.appCode ?? null, message: e.message };
};

describe("experiments test each price once", () => {
  it("refuses two variants at the same price, naming the second price", () => {
    const parsed = ZCreateExperimentInput.safeParse({
      key: "same-price",
      name: "Same price",
      variants: [
        { key: "a", name: "A", price: "19", weight: 1, isControl: true },
        { key: "b", name: "B", price: "24.00", weight: 1 },
        { key: "c", name: "C", price: 19, weight: 1 },
      ],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["variants.2.price", "is the same as price 1 (19.00); each price is tested once"],
    ]);
  });

  it("answers experiments.create with BAD_REQUEST naming the field, and writes nothing", async () => {
    const { tenant, user } = await createTestTenant("same-price");
    const caller = await callerFor(user.id);
    const input = {
      key: "twin-prices",
      name: "Twins",
      variants: [
        { key: "a", name: "A", price: "19.00", weight: 1, isControl: true },
        { key: "b", name: "B", price: "19.00", weight: 1 },
      ],
    };
    const error = await caller.experiments.create(input).catch(refusal);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(await getDb().experiment.count({ where: { tenantId: tenant.id } })).toBe(0);
  });
});

describe("a draft saved before prices had to differ", () => {
  it("cannot start while it repeats a price", async () => {
    const { tenant, user } = await createTestTenant("legacy-twins");
    const draft = await createPriceExperiment(tenant.id, { draft: true });
    await getDb().variant.updateMany({ where: { experimentId: draft.id, key: "mid" }, data: { price: "19.00" } });
    const error = await (await callerFor(user.id)).experiments.start({ id: draft.id }).catch(refusal);
    expect(error).toEqual({
      code: "CONFLICT",
      appCode: "DUPLICATE_PRICES",
      message: "variants: 19.00 is tested twice; give each variant its own price before starting.",
    });
    expect((await getDb().experiment.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("draft");
  });
});

describe("API key names", () => {
  it("are unique among a tenant's active keys, case-insensitively; a revoked key's name is free again", async () => {
    const { tenant, user } = await createTestTenant("key-names");
    const caller = await callerFor(user.id);
    const first = await caller.apiKeys.create({ kind: "secret", name: "Checkout" });
    const again = await caller.apiKeys.create({ kind: "publishable", name: " checkout " }).catch(refusal);
    expect(again).toEqual({
      code: "CONFLICT",
      appCode: "API_KEY_NAME_TAKEN",
      message: "name: an active key is already named “checkout”; choose another name or revoke that key.",
    });
    expect(await getDb().apiKey.count({ where: { tenantId: tenant.id } })).toBe(1);

    const other = await createTestTenant("key-names-other");
    await expect((await callerFor(other.user.id)).apiKeys.create({ kind: "secret", name: "Checkout" })).resolves.toMatchObject({ name: "Checkout" });

    await caller.apiKeys.revoke({ id: first.id });
    await expect(caller.apiKeys.create({ kind: "secret", name: "Checkout" })).resolves.toMatchObject({ name: "Checkout" });
  });
});

describe("experiments.summaries", () => {
  it("gives each listed experiment its visitors and the results page's leader and chance, only for the caller's tenant", async () => {
    const { tenant, user } = await createTestTenant("summaries");
    const exp = await createPriceExperiment(tenant.id);
    const empty = await createPriceExperiment(tenant.id);
    for (let i = 0; i < 60; i++) {
      const visitorId = `s-${i}`;
      const a = await assignVariant(deps(), tenant.id, { experimentKey: exp.key, visitorId });
      if (i % 3 === 0) await trackConversion(deps(), tenant.id, { experimentKey: exp.key, visitorId, type: "conversion", revenue: a.price });
    }
    const other = await createTestTenant("summaries-other");
    const foreign = await createPriceExperiment(other.tenant.id);

    const summaries = await (await callerFor(user.id)).experiments.summaries({ ids: [exp.id, empty.id, foreign.id] });
    const byId = new Map(summaries.map((s) => [s.id, s]));
    expect([...byId.keys()].sort()).toEqual([exp.id, empty.id].sort());
    expect(byId.get(empty.id)).toEqual({ id: empty.id, visitors: 0, leader: null });

    const results = await computeResults({ db: getDb() }, tenant.id, exp.id);
    const leader = results.variants.reduce((best, v) => (v.probabilityBest > best.probabilityBest ? v : best));
    expect(byId.get(exp.id)).toEqual({
      id: exp.id,
      visitors: 60,
      leader: { key: leader.key, name: leader.name, price: leader.price, probabilityBest: leader.probabilityBest },
    });
    expect(await experimentSummaries(getDb(), tenant.id, [])).toEqual([]);
  });
});

describe("REST validation errors", () => {
  it("name the field, as over tRPC, instead of 'Input validation failed'", async () => {
    const { tenant } = await createTestTenant("rest-fields");
    const key = await createTestApiKey(tenant.id, "secret");
    const res = await restPOST(
      new Request("http://localhost/api/v1/assign", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ experimentKey: "some-test", visitorId: "" }),
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; code: string; issues: unknown[] };
    expect(body.code).toBe("BAD_REQUEST");
    expect(body.message).toMatch(/^visitorId: /);
    expect(body.issues.length).toBeGreaterThan(0);
  });
});
