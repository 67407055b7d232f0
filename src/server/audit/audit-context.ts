import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";

/** Where the change came from; set once per tRPC call (src/server/api/trpc.ts), read by audit writes. */
export interface AuditOrigin {
  ip: string | null;
}

// The request's origin travels beside the call instead of through every service's
// arguments: services stay free of HTTP, and the CLI and crons simply have none.
const storage = new AsyncLocalStorage<AuditOrigin>();

export function withAuditOrigin<T>(origin: AuditOrigin, fn: () => T): T {
  return storage.run(origin, fn);
}

export function currentAuditOrigin(): AuditOrigin | undefined {
  return storage.getStore();
}
