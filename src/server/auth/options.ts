import { hash, verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { env } from "@/env";
import { safeCallbackPath } from "@/server/auth/safe-callback";
import { revokeSessions, sessionIsCurrent, tokenSessionVersion } from "@/server/auth/session-version";
import { recordSignInSuccess, SIGN_IN_LIMITED, signInAttemptAllowed } from "@/server/auth/sign-in-limit";
import { getDb } from "@/server/db";

const ZCredentials = z.object({ email: z.email().max(320), password: z.string().min(1).max(200) });

// Verified against when the email is unknown, so that both answers take as long.
let decoyHash: Promise<string> | undefined;

async function authorizeCredentials(raw: unknown, req: { headers?: Record<string, unknown> }) {
  const parsed = ZCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const email = parsed.data.email.toLowerCase();
  if (!(await signInAttemptAllowed(email, req.headers))) throw new Error(SIGN_IN_LIMITED);
  const user = await getDb().user.findUnique({ where: { email } });
  // The same answer, in the same time, for an unknown email and a wrong password.
  if (!user?.passwordHash) {
    decoyHash ??= hash("decoy-password-for-timing");
    await verify(await decoyHash, parsed.data.password);
    return null;
  }
  if (!(await verify(user.passwordHash, parsed.data.password))) return null;
  await recordSignInSuccess(email, req.headers);
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}

function oauthProviders() {
  const providers = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(GoogleProvider({ clientId: env.GOOGLE_CLIENT_ID, clientSecret: env.GOOGLE_CLIENT_SECRET }));
  }
  return providers;
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // next-auth's default throws on a callbackUrl that is not a URL (a 500) and trusts
    // anything starting with "/"; only this app's own pages are followed.
    redirect({ url, baseUrl }) {
      const path = safeCallbackPath(url, baseUrl);
      return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
    },
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sv = user.sessionVersion ?? 0;
        return token;
      }
      // Reading a session (/api/auth/session): a revoked one throws, and next-auth then
      // answers "no session" and clears the cookie.
      if (token.sub && !(await sessionIsCurrent(getDb(), token.sub, tokenSessionVersion(token)))) throw new Error("SessionRevoked");
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    // Signing out ends every session of the user, so a copied cookie stops working too.
    async signOut({ token }) {
      if (token?.sub) await revokeSessions(getDb(), token.sub);
    },
  },
};
