import "server-only";
import { env } from "@/env";

/**
 * This deployment's own origin as configured (NEXTAUTH_URL, which the launcher
 * defaults to http://localhost:$PORT). Never derived from X-Forwarded-Host, which
 * any client can send.
 */
export function appOrigin(): string {
  return new URL(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`).origin;
}

/** The origins a browser on this app may send from: the configured ones and the Host it connected to. */
export function isOwnOrigin(origin: string, headers: Headers): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (url.origin === appOrigin()) return true;
  if (env.NEXT_PUBLIC_API_URL && url.origin === new URL(env.NEXT_PUBLIC_API_URL).origin) return true;
  // A browser always sends the Host it connected to; a page elsewhere cannot change it.
  const host = headers.get("host");
  return host !== null && url.host === host.toLowerCase();
}
