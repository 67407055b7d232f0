import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { apiRoute } from "@/server/api/api-route";
import { retryAfterHeaders } from "@/server/api/app-error-mapping";
import { bodyTooLarge, invalidPath, reservedQueryParameter, restRefusal } from "@/server/api/http-refusal";
import { publicApiRouter } from "@/server/api/root";
import { withEmptyBodyAsJson } from "@/server/api/rest-body";
import { toRestError } from "@/server/api/rest-errors";
import { createContext } from "@/server/api/trpc";
import { preflight } from "@/server/lib/cors";
import { limitBody } from "@/server/lib/limit-body";
import { MAX_REQUEST_BODY_BYTES } from "@/shared/api-limits";

export const dynamic = "force-dynamic";

// trpc-to-openapi decodes path parameters outside its error handling, so a
// malformed escape (e.g. %ED%A0%80, a lone surrogate) would otherwise be a 500.
function decodablePath(req: Request): boolean {
  try {
    decodeURIComponent(new URL(req.url).pathname);
    return true;
  } catch {
    return false;
  }
}

// trpc-to-openapi collects query parameters in a plain object, so a parameter named
// after an Object.prototype member (constructor, __proto__, toString…) crashes it (500).
// No procedure has such a field: refuse it as the unknown field it is.
function reservedParameter(req: Request): string | null {
  for (const name of new URL(req.url).searchParams.keys()) {
    if (name in Object.prototype || name === "prototype") return name;
  }
  return null;
}

const handler = apiRoute("rest", restRefusal, async (incoming, call) => {
  if (!decodablePath(incoming)) return call.refuse(invalidPath());
  const reserved = reservedParameter(incoming);
  if (reserved) return call.refuse(reservedQueryParameter(reserved));
  const limited = await limitBody(incoming, MAX_REQUEST_BODY_BYTES);
  if (!limited) return call.refuse(bodyTooLarge());
  const req = await withEmptyBodyAsJson(limited);
  const resHeaders = new Headers();
  const res = await toRestError(
    await createOpenApiFetchHandler({
      endpoint: "/api/v1",
      router: publicApiRouter,
      req,
      createContext: () => createContext({ headers: req.headers, requestId: call.requestId, resHeaders }),
      responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
      onError: call.onError,
    }),
    call.requestId,
  );
  for (const [name, value] of resHeaders) res.headers.set(name, value);
  return res;
});

export { handler as GET, handler as POST, handler as PATCH, handler as PUT, handler as DELETE, preflight as OPTIONS };
