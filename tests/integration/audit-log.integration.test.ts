import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

// One proxy in front of the app: the client's address is the last X-Forwarded-For entry.
vi.hoisted(() => {
  process.env.TRUSTED_PROXY = "1";
});

import { getDb } from "../../src/server/db";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { bearer, callTrpc } from "../helpers/trpc-http";

interface Entry {
  id: string;
  actor: string;
  actorLabel: string;
  action: string;
  target: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  createdAt: Date;
}
interface Page {
  items: Entry[];
  nextCursor: string | null;
  actions: string[];
  actors: { actor: string; label: string }[];
}

const variants = [
  { key: "control", name: "$19", price: "19.00", weight: 1, isControl: true },
  { key: "high", name: "$29", price: "29.00", weight: 1 },
];

async function list(cookie: string, input: Record<string, unknown> = {}) {
  const res = await callTrpc("audit.list", input, { cookie });
  expect(res.status, res.raw).toBe(200);
  return res.data as Page;
}

describe("audit log", () => {
  it("records who changed what, before and after, from which address, for people and keys", async () => {
    const { tenant, user } = await createTestTenant("audit", "owner");
    const cookie = await sessionCookie(user.id);
    const person = { cookie, "x-forwarded-for": "198.51.100.7, 203.0.113.9" };
    const key = await createTestApiKey(tenant.id, "secret");

    const created = await callTrpc(
      "experiments.create",
      { key: `audit-${randomUUID().slice(0, 6)}`, name: "Audit", currency: "USD", variants },
      bearer(key),
    );
    expect(created.status, created.raw).toBe(200);
    const id = (created.data as { id: string }).id;
    expect((await callTrpc("experiments.update", { id, name: "Audit renamed", weights: { control: 3, high: 1 } }, person)).status).toBe(200);
    expect((await callTrpc("experiments.start", { id }, person)).status).toBe(200);
    expect((await callTrpc("settings.update", { paidApiKey: "pk_live_secret_value_abcd", mode: "byok" }, person)).status).toBe(200);

    const page = await list(cookie);
    const byAction = new Map(page.items.map((e) => [e.action, e]));
    const createdEntry = byAction.get("experiment.created");
    const keyRow = await getDb().apiKey.findFirstOrThrow({ where: { tenantId: tenant.id } });
    expect(createdEntry).toMatchObject({ actor: `api_key:${keyRow.id}`, target: id, before: null, ip: null });
    expect(createdEntry?.actorLabel).toContain(keyRow.prefix);
    expect(createdEntry?.after).toMatchObject({ name: "Audit", prices: { control: "19.00", high: "29.00" }, status: "draft" });

    expect(byAction.get("experiment.updated")).toMatchObject({
      actor: `user:${user.id}`,
      actorLabel: user.email,
      before: { name: "Audit", weights: { control: 1, high: 1 } },
      after: { name: "Audit renamed", weights: { control: 3, high: 1 } },
      ip: "203.0.113.9",
    });
    expect(byAction.get("experiment.start")).toMatchObject({ before: { status: "draft" }, after: { status: "running" } });
    const settings = byAction.get("tenant.settings_updated");
    expect(settings).toMatchObject({ before: { mode: "managed", paidApiKey: "unset" }, after: { mode: "byok", paidApiKey: "set" } });
    expect(JSON.stringify(page)).not.toContain("pk_live_secret_value_abcd");
    expect(page.items.every((e) => e.createdAt instanceof Date)).toBe(true);

    // Filters: by actor, by action.
    const byKey = await list(cookie, { actor: `api_key:${keyRow.id}` });
    expect(byKey.items.map((e) => e.action)).toEqual(["experiment.created"]);
    const starts = await list(cookie, { action: "experiment.start" });
    expect(starts.items.map((e) => e.target)).toEqual([id]);
    expect(page.actions).toEqual(expect.arrayContaining(["experiment.created", "experiment.start", "experiment.updated", "tenant.settings_updated"]));
    expect(page.actors).toEqual(expect.arrayContaining([{ actor: `user:${user.id}`, label: user.email }]));
  });

  it("pages newest first without repeating or skipping an entry", async () => {
    const { tenant, user } = await createTestTenant("audit-pages", "owner");
    const cookie = await sessionCookie(user.id);
    const at = new Date();
    // Equal timestamps on purpose: the cursor must still order them.
    await getDb().auditLog.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ tenantId: tenant.id, actor: "admin:cli", action: `test.n${i}`, createdAt: at })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await list(cookie, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await callTrpc("audit.list", { cursor: "bm90LWEtY3Vyc29y" }, { cookie });
    expect(bad.error?.data.appCode).toBe("INVALID_CURSOR");
  });

  it("is for owners and admins of this tenant only", async () => {
    const mine = await createTestTenant("audit-mine", "owner");
    const other = await createTestTenant("audit-other", "owner");
    await getDb().auditLog.create({ data: { tenantId: other.tenant.id, actor: "admin:cli", action: "test.other_tenant" } });
    const page = await list(await sessionCookie(mine.user.id));
    expect(page.items.some((e) => e.action === "test.other_tenant")).toBe(false);
    // Asking for the other tenant by header is refused: membership decides.
    const spoofed = await callTrpc("audit.list", {}, { cookie: await sessionCookie(mine.user.id), "x-tenant-id": other.tenant.id });
    expect(spoofed.status).toBe(403);
    expect(spoofed.raw).not.toContain("test.other_tenant");

    const member = await createTestTenant("audit-member", "member");
    const denied = await callTrpc("audit.list", {}, { cookie: await sessionCookie(member.user.id) });
    expect(denied.status).toBe(403);
    const key = await createTestApiKey(mine.tenant.id, "secret");
    expect((await callTrpc("audit.list", {}, bearer(key))).status).toBe(403);
  });
});
