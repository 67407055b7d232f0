import "server-only";
// Control characters, any whitespace (browsers strip tab and newline from URLs, so
// "/\t/evil.example" becomes "//evil.example") and backslashes (read as "/").
const UNSAFE = /[\s\p{Cc}\\]/u;

/**
 * The path (with query and fragment) to send a visitor to after signing in, when
 * `value` names a page of this app; null otherwise. Relative paths and absolute URLs
 * on `origin` pass; other origins, protocol-relative "//host", and anything a browser
 * would read differently than the URL parser does not.
 */
export function safeCallbackPath(value: unknown, origin: string): string | null {
  if (typeof value !== "string" || value === "" || value.length > 2000) return null;
  if (UNSAFE.test(value) || value.startsWith("//")) return null;
  let url: URL;
  let base: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse into "//host" ("/.//evil.example"), which a browser would leave for.
  return path.startsWith("/") && !path.startsWith("//") ? path : null;
}
