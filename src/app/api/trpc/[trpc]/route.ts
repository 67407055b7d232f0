import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { corsHeaders, preflight } from "@/server/lib/cors";
import { log } from "@/server/lib/logger";
import { requestIdFrom } from "@/server/lib/request-id";

function handler(req: Request) {
  const requestId = requestIdFrom(req.headers);
  const resHeaders = new Headers();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers, requestId, resHeaders }),
    responseMeta: () => ({ headers: new Headers({ ...Object.fromEntries(resHeaders), "x-request-id": requestId, ...corsHeaders(req) }) }),
    onError: ({ error, path }) => {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        log("error", "trpc procedure failed", { requestId, path, error: error.cause?.stack ?? error.stack });
      }
    },
  });
}

export const dynamic = "force-dynamic";
export { handler as GET, handler as POST, preflight as OPTIONS };
