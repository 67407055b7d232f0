import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { publicApiRouter } from "@/server/api/root";
import { withFieldMessage } from "@/server/api/rest-errors";
import { createContext } from "@/server/api/trpc";
import { corsHeaders, preflight } from "@/server/lib/cors";
import { requestIdFrom } from "@/server/lib/request-id";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const requestId = requestIdFrom(req.headers);
  const res = await withFieldMessage(
    await createOpenApiFetchHandler({
      endpoint: "/api/v1",
      router: publicApiRouter,
      req,
      createContext: () => createContext({ headers: req.headers, requestId }),
    }),
  );
  res.headers.set("x-request-id", requestId);
  for (const [name, value] of Object.entries(corsHeaders(req))) res.headers.set(name, value);
  return res;
}

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE, preflight as OPTIONS };
