// Imported by next.config.mjs (through tsx) as well as by tests: no app imports here.

export interface SecurityHeaderOptions {
  production: boolean;
  /** Another origin the browser code calls (NEXT_PUBLIC_API_URL, used by the demo storefront). */
  apiOrigin?: string | null;
}

/**
 * The Content-Security-Policy of every page and API answer.
 *
 * Scripts: Next's App Router streams its payload in inline <script> tags. The only way to
 * allow them without 'unsafe-inline' is a per-request nonce set by the proxy, which makes
 * every page dynamically rendered (no static pages, no CDN caching of HTML). The app
 * renders no HTML from user input (React escapes text; no dangerouslySetInnerHTML), so we
 * take 'unsafe-inline' and keep everything else locked to this origin: no outside
 * script, frame, object, base or form target. Development adds 'unsafe-eval', which
 * React's dev build and Next's hot reload need.
 * Styles: React `style` attributes need 'unsafe-inline' for styles.
 */
export function contentSecurityPolicy(opts: SecurityHeaderOptions): string {
  const connect = ["'self'", ...(opts.apiOrigin ? [opts.apiOrigin] : [])];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", ...(opts.production ? [] : ["'unsafe-eval'"])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": connect,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

export function securityHeaders(opts: SecurityHeaderOptions): { key: string; value: string }[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy(opts) },
    // frame-ancestors for current browsers, X-Frame-Options for the rest: no clickjacking.
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    // Paths (experiment ids, invitation tokens) never leave in a Referer.
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    // Only in production: on http://localhost it is ignored, and a development host must not be pinned to https.
    ...(opts.production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}

/** NEXT_PUBLIC_API_URL's origin when it is a valid URL. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
