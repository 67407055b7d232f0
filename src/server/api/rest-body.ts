import "server-only";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

/**
 * trpc-to-openapi refuses a POST without `Content-Type: application/json` (415), even
 * one whose operation has no request body (`POST /experiments/{id}/start`), which a
 * generated client rightly sends bare. An empty body is handed on as `{}` in JSON:
 * the path parameters are then the whole input, and an operation that does need a
 * body answers 400 naming its missing fields. A non-empty body is left as sent.
 */
export async function withEmptyBodyAsJson(req: Request): Promise<Request> {
  if (!BODY_METHODS.has(req.method)) return req;
  const type = req.headers.get("content-type");
  if (type !== null && !type.startsWith("application/json")) return req;
  const text = req.body ? await req.clone().text() : "";
  if (text.trim() !== "") return req;
  const headers = new Headers(req.headers);
  headers.set("content-type", "application/json");
  headers.delete("content-length");
  return new Request(req.url, { method: req.method, headers, body: "{}", signal: req.signal });
}
