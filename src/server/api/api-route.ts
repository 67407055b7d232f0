import "server-only";
import type { TRPCError } from "@trpc/server";
import { corsHeaders } from "@/server/lib/cors";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { internalError, type Refusal } from "./http-refusal";

export type Transport = "trpc" | "rest";

/** What a route handler of the API gets for one request. */
export interface ApiCall {
  requestId: string;
  /** Answers a refusal made before tRPC sees the request, in the transport's error shape. */
  refuse: (refusal: Refusal) => Response;
  /** For the tRPC or trpc-to-openapi handler's onError: logs an unexpected error (a 500) with the request id. */
  onError: (opts: { error: TRPCError; path?: string }) => void;
}

/** How a transport answers a refusal (http-refusal.ts's trpcRefusal or restRefusal). */
type RefusalAnswer = (refusal: Refusal, requestId: string, headers: Record<string, string>) => Response;

/**
 * Both API transports (/api/trpc and /api/v1) through one door: the request id (the
 * caller's or a new one) and CORS headers on every answer, and every unexpected error
 * logged once with the request id, the procedure and the error. The answer itself
 * carries only "Internal error (request id …)", never a stack.
 */
export function apiRoute(transport: Transport, refusal: RefusalAnswer, handle: (req: Request, call: ApiCall) => Promise<Response>) {
  return async function handler(req: Request): Promise<Response> {
    const requestId = requestIdFrom(req.headers);
    const failed = (path: string | undefined, error: unknown) => {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log("error", "api call failed", { requestId, transport, path: path ?? new URL(req.url).pathname, error: detail });
    };
    const call: ApiCall = {
      requestId,
      refuse: (r) => refusal(r, requestId, {}),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") failed(path, error.cause ?? error);
      },
    };
    let res: Response;
    try {
      res = await handle(req, call);
    } catch (error) {
      failed(undefined, error);
      res = call.refuse(internalError(requestId));
    }
    for (const [name, value] of Object.entries({ "x-request-id": requestId, ...corsHeaders(req) })) res.headers.set(name, value);
    return res;
  };
}
