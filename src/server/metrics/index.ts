import "server-only";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { AppError } from "@/server/lib/app-error";
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

function appCodeOf(error: TRPCError): string {
  if (error.cause instanceof AppError) return error.cause.appCode;
  if (error.cause instanceof ZodError) return "INVALID_INPUT";
  return "";
}

/** Called by the tRPC middleware once per procedure call; `procedure` is a known procedure path. */
export function observeProcedure(procedure: string, type: string, seconds: number, error: TRPCError | null): void {
  observerFor(procedure, type).observe(seconds);
  if (error) {
    getMetrics().requestErrors.inc({ procedure, code: error.code, status: String(getHTTPStatusCodeFromError(error)), app_code: appCodeOf(error) });
  }
}
