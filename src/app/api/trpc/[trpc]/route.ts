import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { batchTooLarge, bodyTooLarge, trpcRefusal } from "@/server/api/http-refusal";
import { appRouter } from "@/server/api/root";
import { createContext, retryAfterHeaders } from "@/server/api/trpc";
import { corsHeaders, preflight } from "@/server/lib/cors";
import { limitBody } from "@/server/lib/limit-body";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";
import { MAX_BATCH_CALLS, MAX_REQUEST_BODY_BYTES } from "@/shared/api-limits";

function batchCalls(req: Request): number {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  return url.pathname.slice(url.pathname.indexOf("/api/trpc/") + "/api/trpc/".length).split(",").length;
}

async function handler(incoming: Request) {
  const requestId = requestIdFrom(incoming.headers);
  const baseHeaders = { "x-request-id": requestId, ...corsHeaders(incoming) };
  // Refused before anything is read or parsed: an oversized batch or body costs nothing.
  const calls = batchCalls(incoming);
  if (calls > MAX_BATCH_CALLS) return trpcRefusal(batchTooLarge(calls), requestId, baseHeaders);
  const req = await limitBody(incoming, MAX_REQUEST_BODY_BYTES);
  if (!req) return trpcRefusal(bodyTooLarge(), requestId, baseHeaders);
  const resHeaders = new Headers();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => createContext({ headers: req.headers, requestId, resHeaders }),
    responseMeta: ({ errors }) => ({ headers: new Headers({ ...Object.fromEntries(resHeaders), ...baseHeaders, ...retryAfterHeaders(errors) }) }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log("error", "trpc procedure failed", { requestId, path, error: error.cause?.stack ?? error.stack });
      }
    },
  });
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, preflight as OPTIONS };
