import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { publicApiRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { requestIdFrom } from "@/server/lib/request-id";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const requestId = requestIdFrom(req.headers);
  const res = await createOpenApiFetchHandler({
    endpoint: "/api/v1",
    router: publicApiRouter,
    req,
    createContext: () => createContext({ headers: req.headers, requestId }),
  });
  res.headers.set("x-request-id", requestId);
  return res;
}

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE };
