import "server-only";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import superjson from "superjson";
import { MAX_BATCH_CALLS, MAX_REQUEST_BODY_BYTES } from "@/shared/api-limits";
import { type Issue, issuesText } from "@/server/lib/issues";
import { restErrorBody, toRestIssue } from "./rest-error-shape";

/** A request refused by the route before tRPC sees it, answered in the same error shape as src/server/api/trpc.ts's formatter. */
export interface Refusal {
  code: TRPC_ERROR_CODE_KEY;
  appCode: string | null;
  message: string;
  issues?: Issue[];
}

export const bodyTooLarge = (): Refusal => ({
  code: "PAYLOAD_TOO_LARGE",
  appCode: "PAYLOAD_TOO_LARGE",
  message: `The request body is larger than the limit of ${MAX_REQUEST_BODY_BYTES} bytes (1 MiB).`,
});

export const batchTooLarge = (calls: number): Refusal => ({
  code: "BAD_REQUEST",
  appCode: "BATCH_TOO_LARGE",
  message: `A batch may hold at most ${MAX_BATCH_CALLS} calls; this one has ${calls}. Send fewer per request (events.trackBatch takes up to 100 events in one call).`,
});

export const invalidPath = (): Refusal => ({
  code: "BAD_REQUEST",
  appCode: "INVALID_PATH",
  message: "The URL path is not valid percent-encoded UTF-8.",
});

export const reservedQueryParameter = (name: string): Refusal => {
  const issues = [{ path: [name], message: "is not a known field" }];
  return { code: "BAD_REQUEST", appCode: "INVALID_INPUT", message: issuesText(issues), issues };
};

/** An error the route itself did not expect; what went wrong is in the log under the request id, never in the answer. */
export const internalError = (requestId: string): Refusal => ({
  code: "INTERNAL_SERVER_ERROR",
  appCode: null,
  message: `Internal error (request id ${requestId})`,
});

function errorData(refusal: Refusal, requestId: string, path: string | null) {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code: refusal.code, message: refusal.message }));
  return { code: refusal.code, httpStatus, path, appCode: refusal.appCode, requestId, issues: refusal.issues ?? [], zodError: null };
}

/** tRPC's wire shape (superjson envelope); httpBatchLink applies a single error object to every call of a batch. */
export function trpcRefusal(refusal: Refusal, requestId: string, headers: Record<string, string>): Response {
  const data = errorData(refusal, requestId, null);
  const shape = { message: refusal.message, code: TRPC_ERROR_CODES_BY_KEY[refusal.code], data };
  return Response.json({ error: superjson.serialize(shape) }, { status: data.httpStatus, headers });
}

/** The REST API's error shape (src/server/api/rest-error-shape.ts). */
export function restRefusal(refusal: Refusal, requestId: string, headers: Record<string, string>): Response {
  const data = errorData(refusal, requestId, null);
  const body = restErrorBody({
    status: data.httpStatus,
    code: refusal.code,
    appCode: refusal.appCode,
    message: refusal.message,
    requestId,
    issues: data.issues.map(toRestIssue),
    data,
  });
  return Response.json(body, { status: data.httpStatus, headers });
}
