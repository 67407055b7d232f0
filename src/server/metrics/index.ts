import "server-only";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { createMetrics, type Metrics } from "./registry";

// One registry per process: route bundles and development reloads share it.
const globalForMetrics = globalThis as { __poMetrics?: Metrics };

export function getMetrics(): Metrics {
  globalForMetrics.__poMetrics ??= createMetrics({ db: () => (env.DATABASE_URL ? getDb() : null) });
  return globalForMetrics.__poMetrics;
}

type Observer = { observe: (seconds: number) => void };
// Bound label sets, one per procedure and type, so a request costs one array insert.
const observers = new Map<string, Observer>();

function observerFor(procedure: string, type: string): Observer {
  const key = `${type}:${procedure}`;
  let observer = observers.get(key);
  if (!observer) {
    observer = getMetrics().requestDuration.labels({ procedure, type });
    observers.set(key, observer);
  }
  return observer;
}

/** How a call failed: the API's error code, the HTTP status it answers, and the appCode ("" when none). */
export interface ObservedError {
  code: string;
  status: number;
  appCode: string;
}

/** Called by the tRPC middleware once per procedure call; `procedure` is a known procedure path. */
export function observeProcedure(procedure: string, type: string, seconds: number, error: ObservedError | null): void {
  observerFor(procedure, type).observe(seconds);
  if (error) {
    getMetrics().requestErrors.inc({ procedure, code: error.code, status: String(error.status), app_code: error.appCode });
  }
}
