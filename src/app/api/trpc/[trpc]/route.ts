import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { apiRoute } from "@/server/api/api-route";
import { retryAfterHeaders } from "@/server/api/app-error-mapping";
import { batchTooLarge, bodyTooLarge, trpcRefusal } from "@/server/api/http-refusal";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { preflight } from "@/server/lib/cors";
import { limitBody } from "@/server/lib/limit-body";
import { MAX_BATCH_CALLS, MAX_REQUEST_BODY_BYTES } from "@/shared/api-limits";

function batchCalls(req: Request): number {
  const url = new URL(req.url);
  if (url.searchParams.get("batch") !== "1") return 1;
  return url.pathname.slice(url.pathname.indexOf("/api/trpc/") + "/api/trpc/".length).split(",").length;
}

const handler = apiRoute("trpc", trpcRefusal, async (incoming, call) => {
  // Refused before anything is read or parsed: an oversized batch or body costs nothing.
  const calls = batchCalls(incoming);
  if (calls > MAX_BATCH_CALLS) return call.refuse(batchTooLarge(calls));
  const req = await limitBody(incoming, MAX_REQUEST_BODY_BYTES);
  if (!req) return call.refuse(bodyTooLarge());
  const resHeaders = new Headers();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_CALLS,
    createContext: () => createContext({ headers: req.headers, requestId: call.requestId, resHeaders }),
    responseMeta: ({ errors }) => ({ headers: new Headers({ ...Object.fromEntries(resHeaders), ...retryAfterHeaders(errors) }) }),
    onError: call.onError,
  });
});

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, preflight as OPTIONS };
