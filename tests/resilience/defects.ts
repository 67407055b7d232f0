import { spawnSync } from "node:child_process";
import type { SuiteContext } from "./context";
import { type Answer, send, trpc, trpcErrorOf } from "./http";

const variants = (metadata: unknown) => [
  { key: "a", name: "A", price: "10.00", weight: 1, isControl: true, metadata },
  { key: "b", name: "B", price: "12.00", weight: 1 },
];

/** A body of `bytes` streamed in chunks with no Content-Length; counts what was actually sent. */
function stream(bytes: number) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= bytes) return c.close();
      const chunk = new Uint8Array(Math.min(256 * 1024, bytes - sent)).fill(0x20);
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { body, sent: () => sent };
}

// The raw bodies: tRPC's superjson envelope ({error: {json: …}}) or REST's error object.
const appCodeOf = (a: Answer) => {
  const body = a.json as { error?: { json?: { data?: { appCode?: string } }; data?: { appCode?: string } }; data?: { appCode?: string } } | undefined;
  return body?.error?.json?.data?.appCode ?? body?.error?.data?.appCode ?? body?.data?.appCode;
};

/** One check per defect of the issue that is not already exercised by the load and fault phases. */
export async function defectRegressions(ctx: SuiteContext) {
  const { checks, base } = ctx;
  let requests = 0;
  const count = <T>(p: Promise<T>) => {
    requests++;
    return p;
  };

  // Item 2: reserved keys, lone surrogates, deep nesting are 400 naming the field on both transports.
  const raw = (body: string) =>
    count(send(`${base}/api/trpc/experiments.create`, { method: "POST", headers: { ...ctx.sk, "content-type": "application/json" }, body }));
  const proto = await raw(
    `{"json":{"key":"proto-${ctx.seed}","name":"P","currency":"USD","variants":[{"key":"a","name":"A","price":"10","weight":1,"isControl":true,"metadata":{"__proto__":{"admin":true}}},{"key":"b","name":"B","price":"12","weight":1}]}}`,
  );
  checks.ok(
    proto.status === 400 && proto.text.includes("variants.0.metadata.__proto__"),
    "item 2: a __proto__ metadata key is 400 naming the field (tRPC)",
    () => proto.text.slice(0, 300),
  );
  const restProto = await count(
    send(`${base}/api/v1/experiments`, {
      method: "POST",
      headers: { ...ctx.sk, "content-type": "application/json" },
      body: `{"key":"rproto-${ctx.seed}","name":"R","currency":"USD","variants":[{"key":"a","name":"A","price":"10","weight":1,"isControl":true,"metadata":{"constructor":{"x":1}}},{"key":"b","name":"B","price":"12","weight":1}]}`,
    }),
  );
  checks.ok(restProto.status === 400 && restProto.text.includes("constructor"), "item 2: a constructor metadata key is 400 naming it (REST)", () =>
    restProto.text.slice(0, 300),
  );
  const surrogate = await count(
    trpc(base, "experiments.create", "mutation", { key: `sur-${ctx.seed}`, name: "bad \uD800", currency: "USD", variants: variants({}) }, ctx.sk),
  );
  checks.ok(surrogate.status === 400 && /name/.test(trpcErrorOf(surrogate)?.message ?? ""), "item 2: a lone surrogate is 400 naming the field", () =>
    surrogate.text.slice(0, 300),
  );
  let deep: unknown = 1;
  for (let i = 0; i < 1500; i++) deep = { d: deep };
  const nested = await raw(JSON.stringify({ json: { key: `deep-${ctx.seed}`, name: "D", currency: "USD", variants: variants({ deep }) } }));
  checks.ok(nested.status === 400 && nested.text.includes("metadata"), "item 2: 1,500-deep metadata is 400 naming the field", () =>
    nested.text.slice(0, 300),
  );

  // Item 8: renaming onto a taken key is 409 on both transports.
  const mk = (key: string) =>
    count(trpc(base, "experiments.create", "mutation", { key, name: key, currency: "USD", variants: variants({}) }, ctx.sk));
  await mk(`taken-${ctx.seed}`);
  const other = await mk(`other-${ctx.seed}`);
  const otherId = (other.json as { result?: { id: string } }).result?.id ?? "";
  const rename = await count(trpc(base, "experiments.update", "mutation", { id: otherId, key: `taken-${ctx.seed}` }, ctx.sk));
  checks.ok(
    rename.status === 409 && appCodeOf(rename) === "EXPERIMENT_KEY_TAKEN",
    "item 8: renaming onto a taken key is 409 EXPERIMENT_KEY_TAKEN (tRPC)",
    () => rename.text.slice(0, 300),
  );
  const restRename = await count(
    send(`${base}/api/v1/experiments/${otherId}`, {
      method: "PATCH",
      headers: { ...ctx.sk, "content-type": "application/json" },
      body: JSON.stringify({ key: `taken-${ctx.seed}` }),
    }),
  );
  checks.ok(restRename.status === 409 && appCodeOf(restRename) === "EXPERIMENT_KEY_TAKEN", "item 8: renaming onto a taken key is 409 (REST)", () =>
    restRename.text.slice(0, 300),
  );

  // Item 8: malformed percent-encoding in a REST path.
  const badPath = await count(
    send(`${base}/api/v1/experiments/%ED%A0%80`, {
      method: "PATCH",
      headers: { ...ctx.sk, "content-type": "application/json" },
      body: '{"name":"x"}',
    }),
  );
  checks.ok(
    badPath.status === 400 && appCodeOf(badPath) === "INVALID_PATH",
    "item 8: PATCH /api/v1/experiments/%ED%A0%80 is 400 INVALID_PATH, not 500",
    () => `${badPath.status} ${badPath.text.slice(0, 200)}`,
  );

  // Item 8: 50 MB bodies are refused before parsing, declared or streamed, on both transports.
  const fifty = "x".repeat(50 * 1024 * 1024);
  for (const url of [`${base}/api/trpc/events.track`, `${base}/api/v1/track`]) {
    const declared = await count(send(url, { method: "POST", headers: { "content-type": "application/json" }, body: fifty }));
    checks.ok(
      declared.status === 413 && appCodeOf(declared) === "PAYLOAD_TOO_LARGE",
      `item 8: a 50 MB body with Content-Length to ${new URL(url).pathname} is 413`,
      () => `${declared.status} ${declared.failed ?? declared.text.slice(0, 200)} in ${Math.round(declared.ms)} ms`,
    );
    const s = stream(50 * 1024 * 1024);
    const streamed = await count(
      send(url, { method: "POST", headers: { "content-type": "application/json" }, body: s.body, duplex: "half" } as RequestInit),
    );
    checks.ok(
      streamed.status === 413,
      `item 8: a 50 MB body streamed without a length to ${new URL(url).pathname} is 413`,
      () => `${streamed.status} ${streamed.failed ?? streamed.text.slice(0, 200)}`,
    );
    checks.ok(
      s.sent() < 20 * 1024 * 1024,
      `item 8: the streamed body to ${new URL(url).pathname} is cut off, not read to the end`,
      () => `${s.sent()} bytes read`,
    );
  }

  // Item 8: a batch of 1,000 track calls is refused naming the limit, and runs none of them.
  const paths = Array.from({ length: 1000 }, () => "events.track").join(",");
  const input = Object.fromEntries(
    Array.from({ length: 1000 }, (_, i) => [
      String(i),
      { json: { experimentKey: ctx.experiments.conversions.key, visitorId: "nobody", type: "conversion", revenue: "1.00" } },
    ]),
  );
  const batch = await count(
    send(`${base}/api/trpc/${paths}?batch=1`, {
      method: "POST",
      headers: { ...ctx.pk, "content-type": "application/json" },
      body: JSON.stringify(input),
    }),
  );
  checks.ok(
    batch.status === 400 && batch.text.includes("BATCH_TOO_LARGE") && batch.text.includes("at most 50 calls"),
    "item 8: a 1,000-call tRPC batch is 400 naming the limit of 50",
    () => `${batch.status} ${batch.text.slice(0, 200)}`,
  );

  ctx.report.cases.push({ name: "defect regressions (items 2, 8) on the production server", requests });
}

/** Item 11: a production start refuses the embedded stand-ins unless opted into. */
export function startupRefusals(ctx: SuiteContext) {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|REDIS_URL|UPSTASH_REDIS_REST_(URL|TOKEN)|ALLOW_EMBEDDED_DATABASE|ALLOW_IN_MEMORY_REDIS)$/.test(k),
    ),
  );
  const launch = (env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start", "--data-dir", ".data/resilience-refusal"], {
      env: { ...base, NODE_ENV: "production", PORT: "1", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
  const noDb = launch({ REDIS_URL: ctx.redis.url });
  ctx.checks.ok(
    noDb.status === 1 && `${noDb.stderr}`.includes("DATABASE_URL is required in production"),
    "item 11: npm start without DATABASE_URL refuses, naming it",
    () => `${noDb.status} ${noDb.stderr}`,
  );
  const noRedis = launch({ DATABASE_URL: ctx.pg.url });
  ctx.checks.ok(
    noRedis.status === 1 && `${noRedis.stderr}`.includes("REDIS_URL"),
    "item 11: npm start without Redis refuses, naming REDIS_URL",
    () => `${noRedis.status} ${noRedis.stderr}`,
  );
  ctx.report.cases.push({ name: "startup refusal in production (item 11)", requests: 2 });
}
