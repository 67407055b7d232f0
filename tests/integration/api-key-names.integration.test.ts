import { TRPCError } from "@trpc/server";
import { describe, expect, inject, it } from "vitest";
import { createCaller } from "../../src/server/api/root";
import { createContext } from "../../src/server/api/trpc";
import { getDb } from "../../src/server/db";
import { createTestTenant, sessionCookie } from "../helpers/fixtures";

async function callerFor(userId: string) {
  const headers = new Headers({ cookie: await sessionCookie(userId) });
  return createCaller(await createContext({ headers, requestId: `test-${Date.now()}` }));
}

const refusal = (e: unknown) => {
  if (!(e instanceof TRPCError)) throw e;
  return { code: e.code, appCode: (e.cause as { appCode?: string } | undefined)?.appCode ?? null, message: e.message };
};

const nameTaken = (name: string) => ({
  code: "CONFLICT",
  appCode: "API_KEY_NAME_TAKEN",
  message: `name: an active key is already named “${name}”; choose another name or revoke that key.`,
});

/** "checkout race" with the case of its letters flipped by the bits of i: every one differs, all are the same name. */
function spelling(i: number) {
  let bit = 0;
  return [..."checkout race"].map((c) => (c === " " ? c : (i >> bit++) & 1 ? c.toUpperCase() : c)).join("");
}

const activeNamed = (tenantId: string, name: string) =>
  getDb().apiKey.count({ where: { tenantId, revokedAt: null, name: { equals: name, mode: "insensitive" } } });

// PGlite serves every connection from one backend session, so concurrent transactions are not isolated
// there and a race is not what production sees: these run against a real PostgreSQL (DATABASE_URL).
describe.skipIf(inject("embedded"))("API key names under concurrent creates", () => {
  it("let exactly one of eight simultaneous creates of one name (in any case) succeed; the others get the sequential refusal", async () => {
    const { tenant, user } = await createTestTenant("key-race");
    const callers = await Promise.all(Array.from({ length: 8 }, () => callerFor(user.id)));
    const names = callers.map((_, i) => spelling(i));
    expect(new Set(names).size).toBe(8);

    const settled = await Promise.allSettled(callers.map((caller, i) => caller.apiKeys.create({ kind: "secret", name: names[i]! })));

    const won = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    expect(won).toHaveLength(1);
    settled.forEach((s, i) => {
      if (s.status === "rejected") expect(refusal(s.reason)).toEqual(nameTaken(names[i]!));
    });
    expect(await activeNamed(tenant.id, "checkout race")).toBe(1);
    expect(await getDb().apiKey.count({ where: { tenantId: tenant.id } })).toBe(1);
    expect(await getDb().auditLog.count({ where: { tenantId: tenant.id, action: "api_key.created" } })).toBe(1);

    // The same refusal a create gets when nothing races it.
    const later = await callers[0]!.apiKeys.create({ kind: "publishable", name: "CHECKOUT RACE" }).catch(refusal);
    expect(later).toEqual(nameTaken("CHECKOUT RACE"));

    // Revoking the winner frees the name, for one new key again.
    await callers[0]!.apiKeys.revoke({ id: won[0]!.id });
    const again = await Promise.allSettled(callers.map((caller, i) => caller.apiKeys.create({ kind: "publishable", name: names[i]! })));
    expect(again.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    again.forEach((s, i) => {
      if (s.status === "rejected") expect(refusal(s.reason)).toEqual(nameTaken(names[i]!));
    });
    expect(await activeNamed(tenant.id, "checkout race")).toBe(1);
    expect(await getDb().apiKey.count({ where: { tenantId: tenant.id } })).toBe(2);
  });

  it("leave other tenants free to use the name at the same time", async () => {
    const tenants = await Promise.all([createTestTenant("key-race-a"), createTestTenant("key-race-b")]);
    const callers = await Promise.all(tenants.map((t) => callerFor(t.user.id)));
    const created = await Promise.all(callers.map((caller) => caller.apiKeys.create({ kind: "secret", name: "Shared name" })));
    expect(created.map((k) => k.name)).toEqual(["Shared name", "Shared name"]);
    for (const { tenant } of tenants) expect(await activeNamed(tenant.id, "shared name")).toBe(1);
  });
});
