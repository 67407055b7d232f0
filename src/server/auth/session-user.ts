import { decode } from "next-auth/jwt";
import { env } from "@/env";

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
 */
export async function sessionUserId(headers: Headers): Promise<string | null> {
  const cookies = parseCookies(headers.get("cookie"));
  // next-auth names the cookie __Secure-… when served over https.
  const raw = cookies["__Secure-next-auth.session-token"] ?? cookies["next-auth.session-token"];
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: env.NEXTAUTH_SECRET });
    return typeof token?.sub === "string" ? token.sub : null;
  } catch {
    return null;
  }
}
