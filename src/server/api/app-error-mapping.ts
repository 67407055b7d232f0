import "server-only";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError } from "@/server/lib/app-error";
import { type Issue, zodIssues } from "@/server/lib/issues";

/** A service's refusal as tRPC answers it: the kind is the tRPC code (and so the HTTP status) on both transports. */
export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: error.code, message: error.message, cause: error });
}

/** The input problems of an error, every zod issue with its full path, or those a service named. */
export function issuesOf(error: TRPCError): Issue[] {
  if (error.cause instanceof ZodError) return zodIssues(error.cause);
  if (error.cause instanceof AppError) return error.cause.issues;
  return [];
}

/** The stable code a caller switches on; null for errors that have none (auth, not found, internal…). */
export function appCodeOf(error: TRPCError): string | null {
  if (error.cause instanceof AppError) return error.cause.appCode;
  if (error.cause instanceof ZodError) return "INVALID_INPUT";
  return null;
}

/** Retry-After for an answer that carries an error saying when to retry (both transports). */
export function retryAfterHeaders(errors: readonly { cause?: unknown }[]): Record<string, string> {
  for (const { cause } of errors) {
    if (cause instanceof AppError && cause.retryAfterSeconds !== null) return { "retry-after": String(cause.retryAfterSeconds) };
  }
  return {};
}
