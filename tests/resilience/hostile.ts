import fc from "fast-check";
import type pg from "pg";
import type { SuiteContext } from "./context";
import { type Answer, send } from "./http";

type ProcedureType = "query" | "mutation" | "subscription";
interface Schema {
  safeParse(v: unknown): { success: boolean };
  shape?: Record<string, unknown>;
}
interface ProcedureDef {
  type: ProcedureType;
  inputs: Schema[];
  meta?: { openapi?: { method: string; path: string } };
}
interface RouterDef {
  procedures: Record<string, { _def: ProcedureDef } | undefined>;
}

export interface Procedure {
  path: string;
  type: ProcedureType;
  inputs: Schema[];
  openapi?: { method: string; path: string };
}

/** Every procedure of a router, read from the router itself (after loading lazy routers), so new ones are never missed. */
export async function listProcedures(
  router: { _def: unknown },
  procedureTypes: (r: { _def: unknown }) => Promise<Map<string, ProcedureType>>,
): Promise<Procedure[]> {
  const types = await procedureTypes(router);
  const def = router._def as RouterDef;
  return [...types.keys()].sort().map((path) => {
    const d = def.procedures[path]?._def as ProcedureDef;
    return { path, type: d.type, inputs: d.inputs ?? [], openapi: d.meta?.openapi };
  });
}

/** Whether the server may accept this input: it passes the procedure's own schemas (no schema: input is ignored). */
function locallyValid(proc: Procedure, input: unknown): boolean {
  return proc.inputs.every((s) => s.safeParse(input).success);
}

// ---------------------------------------------------------------- arbitraries
const LONE = ["\uD800", "\uDBFF", "\uDC00", "a\uD83D", "\uDFFFz", "x\uD800y"];
const RESERVED = ["constructor", "prototype", "__proto__"];

const lone = fc.constantFrom(...LONE);
const bigString = fc.integer({ min: 5_000, max: 200_000 }).map((n) => "x".repeat(n));
const hugeString = fc.constantFrom(1_100_000, 2_000_000).map((n) => "y".repeat(n));
const deep = fc.tuple(fc.integer({ min: 64, max: 4_000 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = "bottom";
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { d: v };
  return v;
});
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
  fc.string(),
);
const leaf = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 2, arbitrary: wrongType },
  { weight: 2, arbitrary: lone },
  { weight: 1, arbitrary: bigString },
  { weight: 1, arbitrary: deep },
);

/** An object whose own keys include constructor/prototype/__proto__ (a computed key defines an own __proto__). */
const reservedObject = fc.tuple(fc.constantFrom(...RESERVED), leaf, fc.option(fc.constantFrom(...RESERVED))).map(([k, v, inner]) => {
  const o: Record<string, unknown> = {};
  Object.defineProperty(o, k, { value: inner ? Object.defineProperty({}, inner, { value: v, enumerable: true }) : v, enumerable: true });
  return o;
});

/** The procedure's own field names with hostile values: reaches the deeper checks, not only "not an object". */
function shaped(proc: Procedure) {
  const shape = proc.inputs[0]?.shape;
  const keys = shape ? Object.keys(shape) : [];
  if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), leaf, { maxKeys: 4 });
  return fc
    .tuple(fc.subarray(keys, { minLength: 1 }), fc.array(leaf, { minLength: keys.length, maxLength: keys.length }), fc.option(reservedObject))
    .map(([chosen, values, extra]) => {
      const o: Record<string, unknown> = {};
      chosen.forEach((k, i) => (o[k] = values[i]));
      if (extra) for (const k of Object.keys(extra)) Object.defineProperty(o, k, { value: extra[k], enumerable: true });
      return o;
    });
}

function hostileValue(proc: Procedure) {
  return fc.oneof(
    { weight: 4, arbitrary: shaped(proc) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 2, arbitrary: reservedObject },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: lone },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: wrongType },
  );
}

// ---------------------------------------------------------------- the world outside
/** Row counts of every table and the latest update: equal before and after means nothing was written. */
export async function fingerprintQuery(sql: pg.Pool): Promise<string> {
  const { rows } = await sql.query<{ table_name: string; has_updated: boolean }>(
    `SELECT table_name, bool_or(column_name = 'updated_at') AS has_updated FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' GROUP BY table_name ORDER BY table_name`,
  );
  return `SELECT ${rows
    .map(
      (r) =>
        `(SELECT count(*) FROM "${r.table_name}")::text${r.has_updated && r.table_name !== "api_keys" ? ` || '@' || coalesce((SELECT max(updated_at) FROM "${r.table_name}")::text, '')` : ""} AS "${r.table_name}"`,
    )
    .join(", ")}`;
}

type Auth = "sk" | "pk" | "session" | "none";
const authHeaders = (ctx: SuiteContext, auth: Auth) => (auth === "sk" ? ctx.sk : auth === "pk" ? ctx.pk : auth === "session" ? ctx.session : {});
const HTTP_LEVEL = new Set([413, 414, 431]);
// Node's HTTP server answers a request whose head (request line and headers) passes 16 KiB
// with 431 and closes the socket. A client still writing a URL of megabytes may meet the
// reset before it reads the 431 (measured: 1 in 13 at 2 MB); either way the request never
// reached the app, so the check is that the server goes on answering.
const HTTP_HEAD_LIMIT = 16 * 1024;
const RESET = /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed/;

function typed4xx(a: Answer, transport: "trpc" | "rest"): boolean {
  if (a.status < 400 || a.status > 499) return false;
  if (HTTP_LEVEL.has(a.status) && a.json === undefined) return true;
  const body = a.json as { error?: { json?: { data?: { code?: unknown } } }; code?: unknown } | undefined;
  return transport === "trpc" ? typeof body?.error?.json?.data?.code === "string" : typeof body?.code === "string";
}

function safeSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

/** A request the suite sent: its URL (the head-size check needs it) and the answer. */
interface Sent {
  url: string;
  answer: Answer;
}

async function sendTo(url: string, init: RequestInit & { timeoutMs?: number }): Promise<Sent> {
  return { url, answer: await send(url, init) };
}

function trpcRequest(ctx: SuiteContext, proc: Procedure, input: unknown, wire: "envelope" | "bare" | "badmeta", headers: Record<string, string>) {
  const body = wire === "envelope" ? { json: input } : wire === "badmeta" ? { json: input, meta: { values: { "": ["bigint"], x: ["map"] } } } : input;
  const text = JSON.stringify(body) ?? "null";
  if (proc.type === "query") return sendTo(`${ctx.base}/api/trpc/${proc.path}?input=${safeSegment(text)}`, { headers, timeoutMs: 15_000 });
  return sendTo(`${ctx.base}/api/trpc/${proc.path}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: text,
    timeoutMs: 15_000,
  });
}

function restRequest(ctx: SuiteContext, proc: Procedure, input: unknown, segment: string, headers: Record<string, string>) {
  const api = proc.openapi as { method: string; path: string };
  const path = api.path.replace(/\{[^}]+\}/g, segment);
  if (api.method === "GET" || api.method === "DELETE") {
    const params = new URLSearchParams();
    if (input && typeof input === "object" && !Array.isArray(input)) {
      for (const [k, v] of Object.entries(input)) params.append(k, typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
    }
    let query = "";
    try {
      query = params.toString();
    } catch {
      query = "x=%ED%A0%80";
    }
    return sendTo(`${ctx.base}/api/v1${path}${query ? `?${query}` : ""}`, { method: api.method, headers, timeoutMs: 15_000 });
  }
  return sendTo(`${ctx.base}/api/v1${path}`, {
    method: api.method,
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify(input) ?? "null",
    timeoutMs: 15_000,
  });
}

function brief(v: unknown): string {
  const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === "string" && x.length > 60 ? `${x.slice(0, 20)}…(${x.length} chars)` : x));
  return (s ?? String(v)).slice(0, 300);
}

/**
 * Property: whatever a caller sends to any public procedure, on either transport,
 * the answer is a typed 4xx (or a 2xx for input the procedure's own schema
 * accepts), never a 5xx or a hang, and a refused call writes nothing.
 */
export async function hostileInput(ctx: SuiteContext, procedures: Procedure[], restProcedures: Procedure[], runs: number, fingerprintSql: string) {
  const fingerprint = async () => JSON.stringify((await ctx.sql.query(fingerprintSql)).rows[0]);
  let requests = 0;
  const judge = async (proc: Procedure, transport: "trpc" | "rest", input: unknown, call: () => Promise<Sent>) => {
    const before = await fingerprint();
    const sent = await call();
    requests++;
    const a = sent.answer;
    const resetAtHead = a.status === 0 && sent.url.length > HTTP_HEAD_LIMIT && RESET.test(a.failed ?? "");
    if (resetAtHead && (await send(`${ctx.base}/api/health`, { timeoutMs: 15_000 })).status === 0) {
      throw new Error(`${transport} ${proc.path}: the server stopped answering after a ${sent.url.length}-character URL`);
    }
    const after = await fingerprint();
    const accepted = a.status >= 200 && a.status < 300;
    const reads = transport === "trpc" ? proc.type === "query" : proc.openapi?.method === "GET";
    const problem = resetAtHead
      ? before !== after
        ? "a request refused at the HTTP level wrote to the database"
        : null
      : a.status === 0
        ? `no answer (${a.failed})`
        : a.status >= 500
          ? `${a.status}: ${a.text.slice(0, 300)}`
          : accepted && !reads && !locallyValid(proc, input)
            ? `accepted input its schema refuses: ${a.text.slice(0, 200)}`
            : !accepted && !typed4xx(a, transport)
              ? `untyped answer ${a.status}: ${a.text.slice(0, 200)}`
              : (!accepted || reads) && before !== after
                ? `a ${accepted ? "read" : "refused call"} wrote to the database`
                : null;
    if (problem) throw new Error(`${transport} ${proc.path}: ${problem}`);
  };

  const failures: string[] = [];
  const run = async <Ts extends [unknown, ...unknown[]]>(name: string, property: fc.IAsyncProperty<Ts>) => {
    try {
      await fc.assert(property, { seed: ctx.seed, numRuns: runs, endOnFailure: true });
    } catch (error) {
      // fast-check 4 keeps the property's own error as the cause, not in the message.
      const cause = error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : "";
      const text = (error instanceof Error ? error.message : String(error)) + cause;
      // fast-check's report: the counterexample, then the property's own error (what went wrong, with the input).
      const why = text.split("\n").find((l) => /(trpc|rest) \S+: /.test(l)) ?? text.split("\n").slice(0, 3).join(" | ");
      failures.push(`${name}: ${why.trim().slice(0, 700)}`);
    }
  };

  for (const proc of procedures) {
    await run(
      `trpc ${proc.path}`,
      fc.asyncProperty(
        hostileValue(proc),
        fc.constantFrom<Auth>("sk", "session", "pk", "none"),
        fc.constantFrom<"envelope" | "bare" | "badmeta">("envelope", "envelope", "bare", "badmeta"),
        async (input, auth, wire) => {
          await judge(proc, "trpc", input, () => trpcRequest(ctx, proc, input, wire, authHeaders(ctx, auth))).catch((e: Error) => {
            throw new Error(`${e.message} (auth ${auth}, wire ${wire}, input ${brief(input)})`);
          });
        },
      ),
    );
  }
  // Never empty, "." or "..": fetch resolves dot segments and Next redirects a trailing slash, so those reach another URL.
  const segment = fc.oneof(
    fc
      .string({ minLength: 1, maxLength: 40 })
      .map(safeSegment)
      .filter((x) => x !== "." && x !== ".."),
    fc.constantFrom("%ED%A0%80", "%C0%AF", "%00", "__proto__", "constructor", "%", "x".repeat(3000), "00000000-0000-0000-0000-000000000000"),
  );
  for (const proc of restProcedures) {
    await run(
      `rest ${proc.openapi?.method} ${proc.openapi?.path}`,
      fc.asyncProperty(hostileValue(proc), segment, fc.constantFrom<Auth>("sk", "session", "pk", "none"), async (input, seg, auth) => {
        await judge(proc, "rest", input, () => restRequest(ctx, proc, input, seg, authHeaders(ctx, auth))).catch((e: Error) => {
          throw new Error(`${e.message} (auth ${auth}, path segment ${seg.slice(0, 40)}, input ${brief(input)})`);
        });
      }),
    );
  }
  ctx.checks.ok(
    failures.length === 0,
    `hostile input: ${procedures.length} tRPC procedures and ${restProcedures.length} REST routes, ${runs} runs each, always a typed 4xx and no write`,
    () => failures.join("\n    "),
  );
  ctx.report.cases.push({
    name: `hostile input (fast-check, seed ${ctx.seed}): ${procedures.length} tRPC + ${restProcedures.length} REST procedures × ${runs} runs`,
    requests,
  });
}
