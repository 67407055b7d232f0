import "server-only";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";

type Arg = string | number | Buffer;
type ExecResult = [Error | null, unknown][] | null;

/** The part of ioredis (and ioredis-mock) that the requester needs. */
export interface CommandClient {
  call?: (command: string, ...args: Arg[]) => Promise<unknown>;
  pipeline(commands: Arg[][]): { exec(): Promise<ExecResult> };
  multi(commands: Arg[][]): { exec(): Promise<ExecResult> };
}

function toArgs(command: unknown): [string, Arg[]] {
  if (!Array.isArray(command) || command.length === 0) throw new Error("redis command must be a non-empty array");
  const [name, ...rest] = command.map((part: unknown) => (typeof part === "string" || typeof part === "number" ? part : JSON.stringify(part)));
  return [String(name), rest];
}

function runOne(client: CommandClient, command: unknown): Promise<unknown> {
  const [name, args] = toArgs(command);
  if (client.call) return client.call(name, ...args);
  // ioredis-mock has no generic `call`; it exposes one method per command.
  const method: unknown = Reflect.get(client, name.toLowerCase());
  if (typeof method !== "function") return Promise.reject(new Error(`ERR unknown command '${name}'`));
  // ioredis-mock only recognises SET's options (EX, PX, NX, XX, GET) in upper case.
  const normalised = name.toLowerCase() === "set" ? args.map((a, i) => (i >= 2 && typeof a === "string" ? a.toUpperCase() : a)) : args;
  return (method as (...a: Arg[]) => Promise<unknown>).apply(client, normalised);
}

function settle(results: ExecResult): UpstashResponse<unknown>[] {
  if (!results) throw new Error("EXECABORT transaction discarded");
  return results.map(([error, result]) => (error ? { error: error.message } : { result }));
}

/**
 * An @upstash/redis Requester that speaks RESP through ioredis, so the same
 * @upstash/redis and @upstash/ratelimit code runs on self-hosted Redis.
 * Paths follow the Upstash REST API: [] one command, ["pipeline"], ["multi-exec"].
 */
export function createIoredisRequester(client: CommandClient): Requester {
  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const path = req.path ?? [];
      if (path[0] === "pipeline" || path[0] === "multi-exec") {
        if (!Array.isArray(req.body)) throw new Error(`${path[0]} body must be an array of commands`);
        const commands = req.body.map((c: unknown) => {
          const [name, args] = toArgs(c);
          return [name, ...args];
        });
        const batch = path[0] === "pipeline" ? client.pipeline(commands) : client.multi(commands);
        // The REST API answers a pipeline with a top-level array of {result}/{error}.
        const settled: UpstashResponse<unknown>[] & UpstashResponse<TResult> = settle(await batch.exec());
        return settled;
      }
      try {
        return { result: (await runOne(client, req.body)) as TResult };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        // A server's answer to a bad command is returned; a broken connection is thrown.
        if (/^(ERR|WRONGTYPE|NOSCRIPT|EXECABORT|BUSY|NOPERM|OOM)/.test(message)) return { error: message };
        throw error;
      }
    },
  };
}
