import "server-only";
import { decode } from "next-auth/jwt";
import { env } from "@/env";
import { sessionIsCurrent, tokenSessionVersion } from "@/server/auth/session-version";
import { getDb } from "@/server/db";

function parseCookies(header: string | null): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // A malformed cookie is ignored like a missing one.
    }
  }
  return cookies;
}

/**
 * The signed-in user's id from the next-auth session cookie of these request
 * headers, or null. Works in any handler (and in tests), not only inside Next's request scope.
 * A cookie from a session that was revoked (signed out, password changed) is null
 * even though its signature and expiry are still good.
 */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  const cookies = parseCookies(headers.get("cookie"));
  // next-auth names the cookie __Secure-… when served over https.
  const raw = cookies["__Secure-next-auth.session-token"] ?? cookies["next-auth.session-token"];
  if (!raw) return null;
  let token: Awaited<ReturnType<typeof decode>>;
  try {
    token = await decode({ token: raw, secret: env.NEXTAUTH_SECRET });
  } catch {
    return null;
  }
  if (typeof token?.sub !== "string") return null;
  // A database failure is an error (500), not a signed-out visitor.
  return (await sessionIsCurrent(getDb(), token.sub, tokenSessionVersion(token))) ? token.sub : null;
}
