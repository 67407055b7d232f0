import "server-only";
// Browsers may call the API cross-origin with an API key in the Authorization header.
// Preflights are answered for any origin; whether the origin may use a publishable
// key is decided per tenant by the API-key procedure (FORBIDDEN otherwise).
// Cookies are never allowed cross-origin (no Allow-Credentials), so sessions stay same-site.
const ALLOWED_HEADERS = "authorization, content-type, x-request-id, x-api-key, trpc-accept, x-trpc-source";

export function preflight(req: Request): Response {
  const origin = req.headers.get("origin");
  if (!origin) return new Response(null, { status: 204 });
  return new Response(null, {
    status: 204,
    headers: {
      "access-control-allow-origin": origin,
      "access-control-allow-methods": "GET, POST, PATCH, OPTIONS",
      "access-control-allow-headers": ALLOWED_HEADERS,
      "access-control-max-age": "600",
      vary: "Origin",
    },
  });
}

export function corsHeaders(req: Request): Record<string, string> {
  const origin = req.headers.get("origin");
  return origin
    ? {
        "access-control-allow-origin": origin,
        "access-control-expose-headers": "x-request-id, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset",
        vary: "Origin",
      }
    : {};
}
