import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../src/server/db";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { bearer, callTrpc, describeResponse, procedureTypes, tenantSnapshot, type TrpcResponse } from "../helpers/trpc-http";

/**
 * Tenant B, holding every credential it can have, tries each procedure of the app
 * router against tenant A's data. The procedures are read from the router, so a new
 * procedure fails here until it has a case in TABLE.
 */
const PROCEDURES = await procedureTypes();

type Cred = "bSession" | "bSessionAsA" | "bSecret" | "bPublishable";
const CREDS: readonly Cred[] = ["bSession", "bSessionAsA", "bSecret", "bPublishable"];

interface ExperimentRef {
  id: string;
  key: string;
}

interface World {
  a: {
    tenantId: string;
    tenantName: string;
    ownerUserId: string;
    ownerEmail: string;
    invitationId: string;
    invitationToken: string;
    invitationEmail: string;
    keyIds: string[];
    secretKeyId: string;
    publishableKeyId: string;
    experimentIds: string[];
    running: ExperimentRef;
    draft: ExperimentRef;
    paused: ExperimentRef;
    probeForSession: ExperimentRef;
    probeForSecret: ExperimentRef;
    visitorId: string;
    assignedVariantKey: string;
    orderKey: string;
    publishableHeaders: Record<string, string>;
  };
  b: { tenantId: string; userId: string; experimentIds: string[]; keyIds: string[] };
  headers: Record<Cred, Record<string, string>>;
}

type Expectation =
  /** `like`: an input naming nothing that exists; A's data must get exactly the same answer. */
  { refused: string; appCode?: string; message?: string; like?: unknown } | { answers: (data: unknown, w: World, as: Cred) => void | Promise<void> };

interface Attempt {
  as: Cred;
  input?: unknown;
  expect: Expectation;
}

const forbidden: Expectation = { refused: "FORBIDDEN" };
const unauthorized: Expectation = { refused: "UNAUTHORIZED" };
const noExperimentWithId = (like: Record<string, unknown>): Expectation => ({
  refused: "NOT_FOUND",
  appCode: "EXPERIMENT_NOT_FOUND",
  message: "No experiment with this id.",
  like,
});
const noExperimentWithKey = (key: string): Expectation => ({
  refused: "NOT_FOUND",
  appCode: "EXPERIMENT_NOT_FOUND",
  message: `experimentKey: no experiment "${key}".`,
});

/** A dashboard procedure (member/admin session or secret key): B's own tenant answers, nothing else does. */
const tenantScoped = (input: unknown, asB: Expectation): Attempt[] => [
  { as: "bSession", input, expect: asB },
  { as: "bSecret", input, expect: asB },
  { as: "bSessionAsA", input, expect: forbidden },
  { as: "bPublishable", input, expect: forbidden },
];
/** Keys, members and settings: the dashboard only (a signed-in user), never an API key. */
const sessionOnly = (input: unknown, asB: Expectation): Attempt[] => [
  { as: "bSession", input, expect: asB },
  { as: "bSessionAsA", input, expect: forbidden },
  { as: "bSecret", input, expect: forbidden },
  { as: "bPublishable", input, expect: forbidden },
];
/** Assignment and events: any API key of the tenant; a session is not a credential there. */
const apiKeyOnly = (input: unknown, asB: Expectation): Attempt[] => [
  { as: "bSecret", input, expect: asB },
  { as: "bPublishable", input, expect: asB },
  { as: "bSession", input, expect: unauthorized },
  { as: "bSessionAsA", input, expect: unauthorized },
];

/** Needs a signed-in user; which tenant the user asks for does not matter, an API key is not a user. */
const signedIn = (input: unknown, asB: Expectation): Attempt[] => [
  { as: "bSession", input, expect: asB },
  { as: "bSessionAsA", input, expect: asB },
  { as: "bSecret", input, expect: unauthorized },
  { as: "bPublishable", input, expect: unauthorized },
];
/** Open to anyone: every credential gets the same answer. */
const anyone = (input: unknown, asB: Expectation): Attempt[] => CREDS.map((as) => ({ as, input, expect: asB }));

const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@test.local`;

const idsOf = (items: { id: string }[]) => items.map((i) => i.id);

const TABLE: Record<string, (w: World) => Attempt[]> = {
  "apiKeys.create": (w) =>
    sessionOnly(
      { kind: "secret", name: "b creates a key" },
      {
        answers: async (data) => {
          const row = await getDb().apiKey.findUnique({ where: { id: (data as { id: string }).id } });
          expect(row?.tenantId).toBe(w.b.tenantId);
        },
      },
    ),
  "apiKeys.list": (w) =>
    sessionOnly(undefined, {
      answers: (data) => {
        const ids = idsOf(data as { id: string }[]);
        expect(ids).toEqual(expect.arrayContaining(w.b.keyIds));
        for (const id of w.a.keyIds) expect(ids).not.toContain(id);
      },
    }),
  "apiKeys.revoke": (w) => {
    const notFound: Expectation = {
      refused: "NOT_FOUND",
      appCode: "API_KEY_NOT_FOUND",
      message: "No API key with this id.",
      like: { id: randomUUID() },
    };
    return [...sessionOnly({ id: w.a.secretKeyId }, notFound), { as: "bSession", input: { id: w.a.publishableKeyId }, expect: notFound }];
  },
  "auth.signUp": (w) =>
    CREDS.flatMap((as): Attempt[] => {
      // The answer carries no ids (it is the same for a taken email): the new user is found by email.
      const email = uniqueEmail("iso-b-signup");
      return [
        // A workspace named like A's is a new tenant, never A.
        {
          as,
          input: { name: "B signs up", email, password: "a long password 1", workspaceName: w.a.tenantName },
          expect: {
            answers: async (data) => {
              expect(data).toEqual({ joined: false });
              const user = await getDb().user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
              expect(user.memberships).toHaveLength(1);
              const tenantId = user.memberships[0]?.tenantId;
              expect([w.a.tenantId, w.b.tenantId]).not.toContain(tenantId);
              const members = await getDb().membership.findMany({ where: { tenantId } });
              expect(members.map((m) => [m.userId, m.role])).toEqual([[user.id, "owner"]]);
            },
          },
        },
        // A's invitation link in B's hands, with another address: refused, A gains no member.
        {
          as,
          input: { name: "B", email: uniqueEmail("iso-b-token"), password: "a long password 1", invitationToken: w.a.invitationToken },
          expect: { refused: "BAD_REQUEST", appCode: "INVITATION_EMAIL_MISMATCH" },
        },
      ];
    }),
  "auth.me": (w) =>
    signedIn(undefined, {
      answers: (data) => {
        const me = data as { userId: string; tenants: { id: string }[] };
        expect(me.userId).toBe(w.b.userId);
        expect(me.tenants.map((t) => t.id)).toEqual([w.b.tenantId]);
      },
    }),
  "auth.invitation": (w) => {
    const invalid: Expectation = {
      refused: "NOT_FOUND",
      appCode: "INVITATION_NOT_FOUND",
      message: "This invitation link is invalid, used or expired; ask for a new one.",
    };
    // The invitation's id (visible to A's admins) is not its token.
    return [...anyone({ token: w.a.invitationId }, invalid), ...anyone({ token: `${w.a.invitationToken.slice(0, -4)}AAAA` }, invalid)];
  },
  "auth.acceptInvitation": (w) => [
    // B's user holding A's link: the invitation is for another address.
    ...signedIn({ token: w.a.invitationToken }, { refused: "FORBIDDEN", appCode: "INVITATION_EMAIL_MISMATCH" }),
    { as: "bSession", input: { token: w.a.invitationId }, expect: { refused: "NOT_FOUND", appCode: "INVITATION_NOT_FOUND" } },
  ],
  "members.list": (w) =>
    sessionOnly(undefined, {
      answers: (data) => {
        const out = data as { members: { userId: string; email: string }[]; invitations: { id: string; email: string }[] };
        expect(out.members.map((m) => m.userId)).toEqual([w.b.userId]);
        expect(out.invitations.map((i) => i.id)).not.toContain(w.a.invitationId);
        expect(out.invitations.map((i) => i.email)).not.toContain(w.a.invitationEmail);
      },
    }),
  "audit.list": (w) => {
    const onlyB: Expectation = {
      answers: (data) => {
        const out = data as { items: { actor: string; target: string | null }[]; actors: { actor: string }[] };
        expect(out.items.map((e) => e.actor)).not.toContain(`user:${w.a.ownerUserId}`);
        expect(out.items.map((e) => e.target)).not.toContain(w.a.tenantId);
        for (const id of w.a.experimentIds) expect(out.items.map((e) => e.target)).not.toContain(id);
        expect(out.actors.map((a) => a.actor)).not.toContain(`user:${w.a.ownerUserId}`);
      },
    };
    return [...sessionOnly({}, onlyB), { as: "bSession", input: { actor: `user:${w.a.ownerUserId}` }, expect: onlyB }];
  },
  "members.invite": (w) => {
    const invitedToB: Expectation = {
      answers: async (data) => {
        const row = await getDb().invitation.findUnique({ where: { id: (data as { id: string }).id } });
        expect(row?.tenantId).toBe(w.b.tenantId);
      },
    };
    return [
      // A's owner is not a member of B: "already a member" would tell B otherwise.
      ...sessionOnly({ email: w.a.ownerEmail, role: "admin" }, invitedToB),
      // Inviting the address A invited replaces B's own open invitation for it, never A's.
      { as: "bSession", input: { email: w.a.invitationEmail, role: "member" }, expect: invitedToB },
    ];
  },
  "members.changeRole": (w) => {
    const noMember = (role: string): Expectation => ({
      refused: "NOT_FOUND",
      appCode: "MEMBER_NOT_FOUND",
      message: "No member with this id in this tenant.",
      like: { userId: randomUUID(), role },
    });
    return [
      ...sessionOnly({ userId: w.a.ownerUserId, role: "member" }, noMember("member")),
      { as: "bSession", input: { userId: w.a.ownerUserId, role: "owner" }, expect: noMember("owner") },
    ];
  },
  "members.remove": (w) =>
    sessionOnly(
      { userId: w.a.ownerUserId },
      { refused: "NOT_FOUND", appCode: "MEMBER_NOT_FOUND", message: "No member with this id in this tenant.", like: { userId: randomUUID() } },
    ),
  "members.revokeInvitation": (w) =>
    sessionOnly(
      { id: w.a.invitationId },
      { refused: "NOT_FOUND", appCode: "INVITATION_NOT_FOUND", message: "No open invitation with this id.", like: { id: randomUUID() } },
    ),
  "settings.get": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
        expect(data).toMatchObject({ name: b.name, allowedOrigins: b.allowedOrigins, webhookUrl: b.webhookUrl, paidApiKeyMasked: null });
        expect(data).not.toMatchObject({ name: w.a.tenantName });
      },
    }),
  "settings.update": (w) =>
    sessionOnly(
      { name: "iso-b renamed", allowedOrigins: ["https://b.example.com"] },
      {
        answers: async () => {
          const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
          expect([b.name, b.allowedOrigins]).toEqual(["iso-b renamed", ["https://b.example.com"]]);
        },
      },
    ),
  "webhooks.status": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
        expect(data).toMatchObject({ url: b.webhookUrl, hasSecret: b.webhookSecretEncrypted !== null });
      },
    }),
  "webhooks.rotateSecret": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        expect((data as { secret: string }).secret).toMatch(/^whsec_/);
        const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
        expect(b.webhookSecretEncrypted).not.toBeNull();
      },
    }),
  "webhooks.sendTest": () =>
    sessionOnly(undefined, {
      refused: "PRECONDITION_FAILED",
      appCode: "WEBHOOK_NOT_CONFIGURED",
      message: "webhookUrl: set a webhook URL in Settings first.",
    }),
  "webhooks.deliveries": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        const aMessages = (await getDb().webhookDelivery.findMany({ where: { tenantId: w.a.tenantId } })).map((d) => d.id);
        for (const d of data as { id: string }[]) expect(aMessages).not.toContain(d.id);
      },
    }),
  "settings.usage": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
        expect(data).toMatchObject({ plan: b.plan, currentUsage: b.currentUsage, usageLimit: b.usageLimit });
      },
    }),
  "billing.status": (w) =>
    sessionOnly(undefined, {
      answers: async (data) => {
        const b = await getDb().tenant.findUniqueOrThrow({ where: { id: w.b.tenantId } });
        expect(data).toMatchObject({ plan: b.plan, billingStatus: b.billingStatus, hasBillingAccount: Boolean(b.stripeCustomerId) });
      },
    }),
  // Without Stripe configured (the tests' environment) B's own owner is told billing is off; nobody reaches A.
  "billing.checkout": () => sessionOnly({ plan: "pro" }, { refused: "PRECONDITION_FAILED", appCode: "BILLING_NOT_CONFIGURED" }),
  "billing.portal": () => sessionOnly(undefined, { refused: "PRECONDITION_FAILED", appCode: "BILLING_NOT_CONFIGURED" }),
  "assignment.assign": (w) => [
    // A's returning visitor: answering would leak A's price.
    ...apiKeyOnly({ experimentKey: w.a.running.key, visitorId: w.a.visitorId }, noExperimentWithKey(w.a.running.key)),
    // A new visitor: answering would also write an assignment and a view into A's experiment.
    ...apiKeyOnly({ experimentKey: w.a.running.key, visitorId: "b-new-visitor" }, noExperimentWithKey(w.a.running.key)),
    { as: "bPublishable", input: { experimentKey: w.a.paused.key, visitorId: "b-new-visitor" }, expect: noExperimentWithKey(w.a.paused.key) },
    { as: "bSecret", input: { experimentKey: w.a.draft.key, visitorId: "b-new-visitor" }, expect: noExperimentWithKey(w.a.draft.key) },
  ],
  "assignment.assignMany": (w) =>
    apiKeyOnly(
      { visitorId: w.a.visitorId, experimentKeys: [w.a.running.key, w.a.paused.key, w.a.draft.key] },
      {
        answers: (data) => {
          expect(data).toEqual({
            results: [w.a.running.key, w.a.paused.key, w.a.draft.key].map((experimentKey) => ({
              ok: false,
              experimentKey,
              error: { code: "NOT_FOUND", message: `experimentKey: no experiment "${experimentKey}".` },
            })),
          });
        },
      },
    ),
  "events.track": (w) => {
    const event = { experimentKey: w.a.running.key, visitorId: w.a.visitorId, type: "conversion", revenue: "99.00" };
    return [
      ...apiKeyOnly({ ...event, idempotencyKey: "b-order-1" }, noExperimentWithKey(w.a.running.key)),
      // A's own idempotency key must neither collide nor be consumed.
      ...apiKeyOnly({ ...event, idempotencyKey: w.a.orderKey }, noExperimentWithKey(w.a.running.key)),
      { as: "bSecret", input: { ...event, experimentKey: w.a.paused.key }, expect: noExperimentWithKey(w.a.paused.key) },
    ];
  },
  "events.trackBatch": (w) => {
    const events = [
      { experimentKey: w.a.running.key, visitorId: w.a.visitorId, type: "conversion", revenue: "5.00" },
      { experimentKey: w.a.running.key, visitorId: w.a.visitorId, type: "conversion", revenue: "6.00", idempotencyKey: w.a.orderKey },
      { experimentKey: w.a.paused.key, visitorId: w.a.visitorId, type: "conversion" },
    ];
    return apiKeyOnly(
      { events },
      {
        answers: (data) => {
          expect(data).toEqual({
            accepted: 0,
            rejected: 3,
            results: events.map((e, index) => ({
              index,
              ok: false,
              error: { code: "NOT_FOUND", message: `experimentKey: no experiment "${e.experimentKey}".` },
            })),
          });
        },
      },
    );
  },
  "experiments.create": (w) => {
    const variants = [
      { key: "control", name: "Control", price: "1.00", weight: 1, isControl: true },
      { key: "other", name: "Other", price: "2.00", weight: 1 },
    ];
    // A key A already uses is free in B: a CONFLICT would tell B that A has it.
    const createdInB = (probe: ExperimentRef): Expectation => ({
      answers: async (data) => {
        const created = data as { id: string; key: string };
        expect(created.key).toBe(probe.key);
        expect(created.id).not.toBe(probe.id);
        const row = await getDb().experiment.findUnique({ where: { id: created.id } });
        expect(row?.tenantId).toBe(w.b.tenantId);
      },
    });
    return [
      { as: "bSessionAsA", input: { key: "b-into-a", name: "Into A", variants }, expect: forbidden },
      { as: "bPublishable", input: { key: "b-into-a", name: "Into A", variants }, expect: forbidden },
      { as: "bSession", input: { key: w.a.probeForSession.key, name: "B's own", variants }, expect: createdInB(w.a.probeForSession) },
      { as: "bSecret", input: { key: w.a.probeForSecret.key, name: "B's own", variants }, expect: createdInB(w.a.probeForSecret) },
    ];
  },
  "experiments.get": (w) => [
    ...tenantScoped({ id: w.a.running.id }, noExperimentWithId({ id: randomUUID() })),
    { as: "bSecret", input: { id: w.a.draft.id }, expect: noExperimentWithId({ id: randomUUID() }) },
  ],
  "experiments.list": (w) => {
    const onlyB: Expectation = {
      answers: (data) => {
        const ids = idsOf((data as { items: { id: string }[] }).items);
        expect(ids).toEqual(expect.arrayContaining(w.b.experimentIds));
        for (const id of w.a.experimentIds) expect(ids).not.toContain(id);
      },
    };
    // A's experiment id as a cursor must answer like an id that exists nowhere, or it tells B that A's id exists (and when it was created).
    const cursorOfA: Expectation = {
      answers: async (data, _w, as) => {
        const unknown = await callTrpc("experiments.list", { limit: 100, cursor: randomUUID() }, w.headers[as]);
        expect(unknown.error, describeResponse(unknown)).toBeUndefined();
        expect(data, "a cursor at A's experiment lists differently from a cursor that exists nowhere").toEqual(unknown.data);
      },
    };
    return [
      ...tenantScoped({ limit: 100 }, onlyB),
      { as: "bSession", input: {}, expect: onlyB },
      {
        as: "bSecret",
        input: { status: "running", limit: 100 },
        expect: { answers: (data) => expect((data as { items: unknown[] }).items).toEqual([]) },
      },
      { as: "bSession", input: { limit: 100, cursor: w.a.running.id }, expect: cursorOfA },
      { as: "bSecret", input: { limit: 100, cursor: w.a.draft.id }, expect: cursorOfA },
    ];
  },
  "experiments.update": (w) => [
    ...tenantScoped({ id: w.a.draft.id, name: "renamed by B" }, noExperimentWithId({ id: randomUUID(), name: "renamed by B" })),
    ...tenantScoped(
      { id: w.a.running.id, weights: { control: 1, high: 1000 } },
      noExperimentWithId({ id: randomUUID(), weights: { control: 1, high: 1000 } }),
    ),
    {
      as: "bSecret",
      input: {
        id: w.a.draft.id,
        variants: [
          { key: "control", name: "C", price: "0.01", weight: 1, isControl: true },
          { key: "x", name: "X", price: "0.02", weight: 1 },
        ],
      },
      expect: noExperimentWithId({ id: randomUUID(), name: "x" }),
    },
  ],
  "experiments.start": (w) => tenantScoped({ id: w.a.draft.id }, noExperimentWithId({ id: randomUUID() })),
  "experiments.pause": (w) => tenantScoped({ id: w.a.running.id }, noExperimentWithId({ id: randomUUID() })),
  "experiments.resume": (w) => tenantScoped({ id: w.a.paused.id }, noExperimentWithId({ id: randomUUID() })),
  "experiments.complete": (w) => [
    ...tenantScoped({ id: w.a.running.id, winningVariantKey: "high" }, noExperimentWithId({ id: randomUUID(), winningVariantKey: "high" })),
    {
      as: "bSecret",
      input: { id: w.a.paused.id, winningVariantKey: "control" },
      expect: noExperimentWithId({ id: randomUUID(), winningVariantKey: "control" }),
    },
  ],
  "experiments.archive": (w) => [
    ...tenantScoped({ id: w.a.draft.id }, noExperimentWithId({ id: randomUUID() })),
    { as: "bSession", input: { id: w.a.paused.id }, expect: noExperimentWithId({ id: randomUUID() }) },
  ],
  "experiments.results": (w) => [
    ...tenantScoped({ id: w.a.running.id }, noExperimentWithId({ id: randomUUID() })),
    { as: "bSecret", input: { id: w.a.paused.id }, expect: noExperimentWithId({ id: randomUUID() }) },
  ],
  "experiments.summaries": (w) => {
    // A's ids are skipped like ids that exist nowhere: the answer covers B's experiments only.
    const onlyB: Expectation = {
      answers: (data) => expect(idsOf(data as { id: string }[]).sort()).toEqual([...w.b.experimentIds].sort()),
    };
    return tenantScoped({ ids: [...w.a.experimentIds, ...w.b.experimentIds] }, onlyB);
  },
  "experiments.reweightHistory": (w) => tenantScoped({ id: w.a.running.id }, noExperimentWithId({ id: randomUUID() })),
  "experiments.timeline": (w) => [
    ...tenantScoped({ id: w.a.running.id }, noExperimentWithId({ id: randomUUID() })),
    { as: "bSecret", input: { id: w.a.paused.id }, expect: noExperimentWithId({ id: randomUUID() }) },
  ],
  "system.whoami": (w) => [...tenantScoped(undefined, { answers: (data) => expect((data as { tenantId: string }).tenantId).toBe(w.b.tenantId) })],
};

function must(r: TrpcResponse, what: string): unknown {
  if (r.error || r.status !== 200) throw new Error(`setup: ${what} failed: ${describeResponse(r)}`);
  return r.data;
}

let w: World;
let aBaseline: unknown;

beforeAll(async () => {
  const db = getDb();
  const A = await createTestTenant("iso-a", "owner");
  const B = await createTestTenant("iso-b", "owner");
  const aSecret = await createTestApiKey(A.tenant.id, "secret");
  const aPublishable = await createTestApiKey(A.tenant.id, "publishable");
  const bSecret = await createTestApiKey(B.tenant.id, "secret");
  const bPublishable = await createTestApiKey(B.tenant.id, "publishable");
  const bCookie = await sessionCookie(B.user.id);
  const asA = bearer(aSecret);
  const variants = [
    { key: "control", name: "Control", price: "10.00", weight: 50, isControl: true },
    { key: "high", name: "High", price: "12.00", weight: 50 },
  ];
  const create = async (headers: Record<string, string>, key: string) =>
    must(await callTrpc("experiments.create", { key, name: key, variants }, headers), `create ${key}`) as ExperimentRef;

  // B's experiments are older than A's, so a cursor placed at A's experiment would reach them.
  const bExperiments = [await create(bearer(bSecret), "b-first"), await create(bearer(bSecret), "b-second")];

  const running = await create(asA, "iso-running");
  must(await callTrpc("experiments.start", { id: running.id }, asA), "start running");
  const paused = await create(asA, "iso-paused");
  must(await callTrpc("experiments.start", { id: paused.id }, asA), "start paused");
  must(await callTrpc("experiments.pause", { id: paused.id }, asA), "pause paused");
  const draft = await create(asA, "iso-draft");
  const probeForSession = await create(asA, "iso-probe-session");
  const probeForSecret = await create(asA, "iso-probe-secret");

  const visitorId = "a-visitor-1";
  const orderKey = "a-order-1";
  const assigned = must(
    await callTrpc("assignment.assign", { experimentKey: running.key, visitorId }, bearer(aPublishable)),
    "assign A's visitor",
  ) as { reason: string; variantKey: string };
  expect(assigned.reason).toBe("assigned");
  const tracked = must(
    await callTrpc(
      "events.track",
      { experimentKey: running.key, visitorId, type: "conversion", revenue: "12.00", idempotencyKey: orderKey },
      bearer(aPublishable),
    ),
    "track A's conversion",
  ) as { counted: boolean };
  expect(tracked.counted).toBe(true);

  // A has a bandit history, an open invitation and its own plan and settings, so each has something to leak.
  await db.banditReweight.create({
    data: { experimentId: running.id, metric: "revenue", inputs: { visitors: [1, 0] }, weights: { control: 4000, high: 6000 } },
  });
  const invitationEmail = uniqueEmail("iso-a-invitee");
  const invited = must(
    await callTrpc("members.invite", { email: invitationEmail, role: "admin" }, { cookie: await sessionCookie(A.user.id) }),
    "A invites a member",
  ) as { id: string; link: string };
  await db.tenant.update({
    where: { id: A.tenant.id },
    data: { plan: "pro", currentUsage: 77, usageLimit: 5000, allowedOrigins: ["https://a.example.com"], webhookUrl: "https://a.example.com/hook" },
  });

  // Outside a Next request scope a key's last use is written before the call returns, so A's baseline is final.
  const aKeys = await db.apiKey.findMany({ where: { tenantId: A.tenant.id } });
  if (!aKeys.every((k) => k.lastUsedAt)) throw new Error("A's keys did not record their use");
  const bKeys = await db.apiKey.findMany({ where: { tenantId: B.tenant.id } });
  w = {
    a: {
      tenantId: A.tenant.id,
      tenantName: A.tenant.name,
      ownerUserId: A.user.id,
      ownerEmail: A.user.email,
      invitationId: invited.id,
      invitationToken: invited.link.split("/invite/")[1] ?? "",
      invitationEmail,
      keyIds: aKeys.map((k) => k.id),
      secretKeyId: aKeys.find((k) => k.kind === "secret")?.id ?? "",
      publishableKeyId: aKeys.find((k) => k.kind === "publishable")?.id ?? "",
      experimentIds: [running.id, paused.id, draft.id, probeForSession.id, probeForSecret.id],
      running,
      draft,
      paused,
      probeForSession,
      probeForSecret,
      visitorId,
      assignedVariantKey: assigned.variantKey,
      orderKey,
      publishableHeaders: bearer(aPublishable),
    },
    b: { tenantId: B.tenant.id, userId: B.user.id, experimentIds: bExperiments.map((e) => e.id), keyIds: bKeys.map((k) => k.id) },
    headers: {
      bSession: { cookie: bCookie },
      bSessionAsA: { cookie: bCookie, "x-tenant-id": A.tenant.id },
      bSecret: bearer(bSecret),
      bPublishable: bearer(bPublishable),
    },
  };
  aBaseline = await tenantSnapshot(A.tenant.id);
  // The baseline is what tenant A built, not an empty set.
  const rows = aBaseline as {
    assignments: unknown[];
    processedEvents: unknown[];
    invitations: unknown[];
    banditReweights: unknown[];
    variantMetrics: { views: number; conversions: number }[];
  };
  expect(rows.assignments).toHaveLength(1);
  expect(rows.processedEvents).toHaveLength(1);
  expect(rows.invitations).toHaveLength(1);
  expect(rows.banditReweights).toHaveLength(1);
  expect(rows.variantMetrics.reduce((n, m) => n + m.views + m.conversions, 0)).toBe(2);
  expect(w.a.invitationToken.length).toBeGreaterThanOrEqual(20);
});

async function attempt(path: string, a: Attempt) {
  const bBefore = await tenantSnapshot(w.b.tenantId, { ignoreKeyUsage: true });
  const res = await callTrpc(path, a.input, w.headers[a.as]);
  const label = `${path} as ${a.as} with ${JSON.stringify(a.input)} → ${describeResponse(res)}`;
  const e = a.expect;
  if ("refused" in e) {
    expect(res.error?.data.code, label).toBe(e.refused);
    if (e.appCode !== undefined) expect(res.error?.data.appCode, label).toBe(e.appCode);
    if (e.message !== undefined) expect(res.error?.message, label).toBe(e.message);
    if (e.like !== undefined) {
      const control = await callTrpc(path, e.like, w.headers[a.as]);
      const answer = (r: TrpcResponse) => ({ status: r.status, code: r.error?.data.code, appCode: r.error?.data.appCode, message: r.error?.message });
      expect(answer(res), `${label}: differs from the answer for an id that exists nowhere`).toEqual(answer(control));
    }
    expect(await tenantSnapshot(w.b.tenantId, { ignoreKeyUsage: true }), `${label}: a refused call wrote to tenant B`).toEqual(bBefore);
  } else {
    expect(res.status, label).toBe(200);
    expect(res.error, label).toBeUndefined();
    await e.answers(res.data, w, a.as);
  }
  expect(await tenantSnapshot(w.a.tenantId), `${label}: tenant A's rows changed`).toEqual(aBaseline);
}

describe("tenant isolation over /api/trpc", () => {
  it.each([...PROCEDURES.keys()])("%s: tenant B cannot read or change tenant A's data", async (path) => {
    const makeCase = TABLE[path];
    if (!makeCase) {
      expect.fail(
        `${path} has no tenant-isolation case. Add one to TABLE in tests/integration/tenant-isolation.integration.test.ts: ` +
          "how tenant B would try to read or change tenant A's data with it, and the exact answer for each of B's credentials.",
      );
    }
    const attempts = makeCase(w);
    expect(new Set(attempts.map((a) => a.as)), `${path}: try every credential B holds`).toEqual(new Set(CREDS));
    for (const a of attempts) await attempt(path, a);
  });

  it("has no case for a procedure the router no longer has", () => {
    expect(Object.keys(TABLE).filter((path) => !PROCEDURES.has(path))).toEqual([]);
  });

  it("leaves tenant A's experiments as they were and A's keys and visitor working", async () => {
    const rows = (await tenantSnapshot(w.a.tenantId)) as { experiments: { id: string; status: string; name: string }[] };
    expect(Object.fromEntries(rows.experiments.map((e) => [e.id, [e.status, e.name]]))).toEqual({
      [w.a.running.id]: ["running", "iso-running"],
      [w.a.paused.id]: ["paused", "iso-paused"],
      [w.a.draft.id]: ["draft", "iso-draft"],
      [w.a.probeForSession.id]: ["draft", "iso-probe-session"],
      [w.a.probeForSecret.id]: ["draft", "iso-probe-secret"],
    });
    const aKeys = await getDb().apiKey.findMany({ where: { tenantId: w.a.tenantId } });
    expect(aKeys.map((k) => k.revokedAt)).toEqual([null, null]);
    const again = await callTrpc("assignment.assign", { experimentKey: w.a.running.key, visitorId: w.a.visitorId }, w.a.publishableHeaders);
    expect(again.data, describeResponse(again)).toMatchObject({ variantKey: w.a.assignedVariantKey, reason: "returning", inExperiment: true });
  });
});
