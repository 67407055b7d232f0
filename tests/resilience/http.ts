import superjson from "superjson";

/** One answer from the server as the suite sees it. */
export interface Answer {
  status: number;
  ms: number;
  headers: Headers;
  text: string;
  /** tRPC: the deserialized result or error; REST: the parsed body. Undefined when not JSON. */
  json?: unknown;
  /** The request never got an answer (connection error, client timeout). */
  failed?: string;
}

export interface TrpcError {
  message: string;
  data?: { code: string; httpStatus: number; appCode: string | null; path: string | null };
}

export function trpcErrorOf(a: Answer): TrpcError | undefined {
  const body = a.json as { error?: TrpcError } | undefined;
  return body?.error;
}

export function trpcDataOf<T>(a: Answer): T | undefined {
  return (a.json as { result?: T } | undefined)?.result;
}

function causeOf(error: Error): string {
  const cause = error.cause;
  if (!(cause instanceof Error)) return "";
  const code = Reflect.get(cause, "code");
  return ` (${typeof code === "string" ? `${code}: ` : ""}${cause.message})`;
}

export async function send(url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 60_000) });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, ms: performance.now() - started, headers: res.headers, text, json };
  } catch (error) {
    return {
      status: 0,
      ms: performance.now() - started,
      headers: new Headers(),
      text: "",
      failed: error instanceof Error ? `${error.name}: ${error.message}${causeOf(error)}` : String(error),
    };
  }
}

/** A tRPC call in the wire format of the typed client (superjson envelope; queries as GET). */
export async function trpc(
  base: string,
  path: string,
  type: "query" | "mutation",
  input: unknown,
  headers: Record<string, string>,
  timeoutMs?: number,
) {
  const wire = JSON.stringify(superjson.serialize(input));
  const answer =
    type === "query"
      ? await send(`${base}/api/trpc/${path}?input=${encodeURIComponent(wire)}`, { headers, timeoutMs })
      : await send(`${base}/api/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: wire,
          timeoutMs,
        });
  const body = answer.json as { result?: { data: unknown }; error?: unknown } | undefined;
  if (body?.result) answer.json = { result: superjson.deserialize(body.result.data as never) };
  else if (body?.error) answer.json = { error: superjson.deserialize(body.error as never) };
  return answer;
}

/** Runs `fn` over `items` with at most `concurrency` in flight. */
export async function runPool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      results[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export { seededRandom } from "../../src/shared/seeded-random";
