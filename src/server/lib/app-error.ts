import "server-only";
import { type Issue, issuesText } from "./issues";

/**
 * What kind of refusal an error is; the API layer answers each with its HTTP status
 * (src/server/api/app-error-mapping.ts), so services never know about HTTP or tRPC.
 */
export type AppErrorKind =
  "BAD_REQUEST" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "PRECONDITION_FAILED" | "TOO_MANY_REQUESTS" | "SERVICE_UNAVAILABLE";

export interface AppErrorOptions {
  /** The fields the refusal is about, when it is about fields. */
  issues?: Issue[];
  /** Seconds after which a retry may succeed (sent as Retry-After). */
  retryAfterSeconds?: number;
}

/**
 * The one error type services throw: an error a caller can act on, with a stable
 * machine code (e.g. USAGE_LIMIT_EXCEEDED) and a human sentence.
 */
export class AppError extends Error {
  readonly issues: Issue[];
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly code: AppErrorKind,
    readonly appCode: string,
    message: string,
    opts: AppErrorOptions = {},
  ) {
    super(message);
    this.name = "AppError";
    this.issues = opts.issues ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds ?? null;
  }
}

export function appError(code: AppErrorKind, appCode: string, message: string, opts?: AppErrorOptions): AppError {
  return new AppError(code, appCode, message, opts);
}

/** A refusal about one field; its message names the field first ("email: is already a member."), as callers have always read it. */
export function fieldError(code: AppErrorKind, appCode: string, field: string | (string | number)[], problem: string): AppError {
  const issues = [{ path: typeof field === "string" ? [field] : field, message: problem }];
  return new AppError(code, appCode, issuesText(issues), { issues });
}
