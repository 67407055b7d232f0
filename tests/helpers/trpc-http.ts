import superjson from "superjson";
import { GET, POST } from "../../src/app/api/trpc/[trpc]/route";
import { appRouter } from "../../src/server/api/root";
import { getDb } from "../../src/server/db";

export type ProcedureType = "query" | "mutation" | "subscription";

/** The error shape of src/server/api/trpc.ts's formatter, as a caller receives it. */
export interface TrpcErrorBody {
  message: string;
  code: number;
  data: {
    code: string;
    httpStatus: number;
    path: string | null;
    appCode: string | null;
    requestId: string | null;
    issues: { path: (string | number)[]; message: string }[];
    zodError: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  };
}

export interface TrpcResponse {
  status: number;
  /** The deserialized result when the call succeeded. */
  data?: unknown;
  /** The deserialized error when it did not. */
  error?: TrpcErrorBody;
  /** The raw text when the answer was not tRPC JSON at all. */
  text?: string;
  /** The body exactly as sent, whatever it was. */
  raw: string;
  headers: Headers;
}

interface RouterDef {
  procedures: Record<string, { _def: { type: ProcedureType } } | undefined>;
  lazy: Record<string, { load: () => Promise<void> }>;
}

const defOf = (router: { _def: unknown }) => router._def as RouterDef;

/**
 * Every procedure path of a router (e.g. "experiments.get") with its type, lazy
 * sub-routers included, read from the router itself so new procedures are never missed.
 */
export async function procedureTypes(router: { _def: unknown } = appRouter): Promise<Map<string, ProcedureType>> {
  const def = defOf(router);
  // Loading a lazy router removes it from `lazy` and adds its procedures.
  for (let round = 0; Object.keys(def.lazy).length > 0; round++) {
    if (round > 10) throw new Error(`lazy routers never finished loading: ${Object.keys(def.lazy).join(", ")}`);
    await Promise.all(Object.values(def.lazy).map((l) => l.load()));
  }
  return new Map(Object.entries(def.procedures).flatMap(([path, proc]) => (proc ? [[path, proc._def.type] as const] : [])));
}

function typeOf(path: string): ProcedureType {
  const proc = defOf(appRouter).procedures[path];
  if (!proc) throw new Error(`No procedure "${path}" in the app router`);
  return proc._def.type;
}

async function read(res: Response): Promise<TrpcResponse> {
  const raw = await res.text();
  const base = { status: res.status, raw, headers: res.headers };
  let body: { result?: { data: unknown }; error?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return { ...base, text: raw };
  }
  if (body.result) return { ...base, data: superjson.deserialize(body.result.data as never) };
  if (body.error) return { ...base, error: superjson.deserialize<TrpcErrorBody>(body.error as never) };
  return { ...base, text: raw };
}

/**
 * Calls a procedure of the app router over HTTP exactly as a client would: queries
 * as GET with `?input=`, mutations as POST with a JSON body, both in superjson's wire format.
 */
export async function callTrpc(path: string, input: unknown, headers: Record<string, string> = {}): Promise<TrpcResponse> {
  const wire = JSON.stringify(superjson.serialize(input));
  if (typeOf(path) === "query") {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(wire)}`;
    return read(await GET(new Request(`http://localhost/api/trpc/${path}${query}`, { headers })));
  }
  return read(
    await POST(
      new Request(`http://localhost/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: input === undefined ? "" : wire,
      }),
    ),
  );
}

/** A POST whose body is sent byte for byte (malformed JSON, wrong envelope…). */
export async function postRaw(path: string, body: string, headers: Record<string, string> = {}): Promise<TrpcResponse> {
  return read(
    await POST(
      new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }),
    ),
  );
}

/** A GET whose `input` query parameter is sent as given. */
export async function getRaw(path: string, rawInput: string, headers: Record<string, string> = {}): Promise<TrpcResponse> {
  return read(await GET(new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(rawInput)}`, { headers })));
}

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

/** A short description of an answer for assertion messages. */
export function describeResponse(r: TrpcResponse): string {
  if (r.error) return `${r.status} ${r.error.data.code}/${r.error.data.appCode ?? "-"}: ${r.error.message}`;
  if (r.text !== undefined) return `${r.status} (not tRPC JSON) ${r.text.slice(0, 200)}`;
  return `${r.status} OK ${JSON.stringify(r.data)?.slice(0, 300)}`;
}

/**
 * Every row that belongs to a tenant, as plain JSON (decimals as strings, dates as ISO):
 * equal before and after a call means the call wrote nothing for that tenant.
 */
export async function tenantSnapshot(tenantId: string, opts: { ignoreKeyUsage?: boolean } = {}) {
  const db = getDb();
  const experiments = await db.experiment.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  const experimentIds = experiments.map((e) => e.id);
  const variants = await db.variant.findMany({ where: { experimentId: { in: experimentIds } }, orderBy: { id: "asc" } });
  const apiKeys = await db.apiKey.findMany({ where: { tenantId }, orderBy: { id: "asc" } });
  const rows = {
    tenant: await db.tenant.findUnique({ where: { id: tenantId } }),
    memberships: await db.membership.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    experiments,
    variants,
    variantMetrics: await db.variantMetric.findMany({ where: { variantId: { in: variants.map((v) => v.id) } }, orderBy: { id: "asc" } }),
    assignments: await db.assignment.findMany({ where: { experimentId: { in: experimentIds } }, orderBy: { id: "asc" } }),
    processedEvents: await db.processedEvent.findMany({
      where: { OR: [{ tenantId }, { experimentId: { in: experimentIds } }] },
      orderBy: { id: "asc" },
    }),
    banditReweights: await db.banditReweight.findMany({ where: { experimentId: { in: experimentIds } }, orderBy: { id: "asc" } }),
    // A key's last use is written off the request path whenever the key is used.
    apiKeys: opts.ignoreKeyUsage ? apiKeys.map(({ lastUsedAt: _, ...k }) => k) : apiKeys,
    auditLogs: await db.auditLog.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    usageRecords: await db.usageRecord.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
    outbox: await db.outboxMessage.findMany({ where: { tenantId }, orderBy: { id: "asc" } }),
  };
  return JSON.parse(JSON.stringify(rows)) as unknown;
}
