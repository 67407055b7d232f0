import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { authOptions } from "../../src/server/auth/options";

interface InternalResponse {
  status?: number;
  redirect?: string;
  body?: unknown;
  cookies?: { name: string; value: string; options?: { maxAge?: number; expires?: Date } }[];
}

// next-auth's request handler without Next's request scope (the app route wraps exactly this):
// next-auth does not export it, so it is loaded from its file.
const require = createRequire(import.meta.url);
const { AuthHandler } = require(path.resolve(import.meta.dirname, "../../node_modules/next-auth/core/index.js")) as {
  AuthHandler: (params: { req: Request; options: NextAuthOptions }) => Promise<InternalResponse>;
};

export const AUTH_BASE = "http://localhost:3000";

/** A browser's cookie jar for next-auth's cookies. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");
  }
  take(res: InternalResponse): void {
    for (const c of res.cookies ?? []) {
      const expired = c.options?.maxAge === 0 || (c.options?.expires && c.options.expires.getTime() < Date.now()) || c.value === "";
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }
  get session(): string | undefined {
    return this.cookies.get("next-auth.session-token");
  }
}

async function call(jar: CookieJar, method: "GET" | "POST", route: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  const req = new Request(`${AUTH_BASE}/api/auth/${route}`, {
    method,
    headers: { cookie: jar.header(), host: new URL(AUTH_BASE).host, ...(form ? { "content-type": "application/json" } : {}), ...headers },
    // The browser posts a form; the Next route parses it into this same object (core only reads JSON).
    body: form ? JSON.stringify(form) : undefined,
  });
  const res = await AuthHandler({ req, options: authOptions });
  jar.take(res);
  return res;
}

async function csrf(jar: CookieJar): Promise<string> {
  const res = await call(jar, "GET", "csrf");
  return (res.body as { csrfToken: string }).csrfToken;
}

/** What next-auth/react's signIn("credentials", { redirect: false }) sends. */
export async function signInWithPassword(
  jar: CookieJar,
  email: string,
  password: string,
  opts: { callbackUrl?: string; headers?: Record<string, string> } = {},
) {
  const csrfToken = await csrf(jar);
  const form = { email, password, csrfToken, json: "true", ...(opts.callbackUrl !== undefined ? { callbackUrl: opts.callbackUrl } : {}) };
  return call(jar, "POST", "callback/credentials", form, opts.headers);
}

/** What next-auth/react's signOut() sends. */
export async function signOutSession(jar: CookieJar) {
  const csrfToken = await csrf(jar);
  return call(jar, "POST", "signout", { csrfToken, json: "true" });
}

/** next-auth's own session endpoint, as useSession() reads it. */
export async function readSession(jar: CookieJar) {
  return call(jar, "GET", "session");
}
