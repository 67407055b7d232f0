import "server-only";
import { hash, verify } from "@node-rs/argon2";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { env } from "@/env";
import { linkedUser, linkOAuthAccount } from "@/server/auth/oauth-link";
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

const ZGitHubEmails = z.array(z.object({ email: z.string(), primary: z.boolean(), verified: z.boolean() }));

/**
 * GitHub's profile shows only a public email, and says nothing of verification;
 * /user/emails says which address is primary and verified. Only that one is used.
 */
async function githubProfile({ tokens }: { tokens: { access_token?: string } }) {
  const headers = { authorization: `Bearer ${tokens.access_token ?? ""}`, accept: "application/vnd.github+json", "user-agent": "pricing-optimizer" };
  const api = env.GITHUB_API_URL.replace(/\/+$/, "");
  const [user, emails] = await Promise.all([
    fetch(`${api}/user`, { headers }).then((r) => r.json() as Promise<Record<string, unknown>>),
    fetch(`${api}/user/emails`, { headers }).then(async (r) => ZGitHubEmails.safeParse(await r.json())),
  ]);
  const primary = emails.success ? emails.data.find((e) => e.primary && e.verified) : undefined;
  return { ...user, email: primary?.email, email_verified: primary !== undefined };
}

function oauthProviders() {
  const providers = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    const web = env.GITHUB_URL.replace(/\/+$/, "");
    providers.push(
      GitHubProvider({
        clientId: env.GITHUB_ID,
        clientSecret: env.GITHUB_SECRET,
        authorization: { url: `${web}/login/oauth/authorize`, params: { scope: "read:user user:email" } },
        token: `${web}/login/oauth/access_token`,
        userinfo: { url: `${env.GITHUB_API_URL.replace(/\/+$/, "")}/user`, request: githubProfile },
      }),
    );
  }
  if (env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({
        clientId: env.GOOGLE_CLIENT_ID,
        clientSecret: env.GOOGLE_CLIENT_SECRET,
        wellKnown: `${env.GOOGLE_ISSUER.replace(/\/+$/, "")}/.well-known/openid-configuration`,
      }),
    );
  }
  return providers;
}

/** What the provider vouches for: the id it knows the person by, and a verified email if any. */
function identityOf(account: { provider: string; providerAccountId: string }, profile: object | undefined) {
  const claim = (key: string): unknown => (profile && key in profile ? (profile as Record<string, unknown>)[key] : undefined);
  const email = claim("email");
  const name = claim("name");
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: typeof email === "string" ? email : null,
    // Google's id_token and githubProfile above both say email_verified.
    emailVerified: claim("email_verified") === true,
    name: typeof name === "string" ? name : null,
  };
}

export const authOptions: NextAuthOptions = {
  secret: env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  // Errors (a refused OAuth sign-in) are said on the sign-in page.
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: authorizeCredentials,
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    // An OAuth sign-in links the provider account to a user (creating one the first
    // time, in the inviting tenant or a workspace of its own); without a verified
    // email it is refused.
    async signIn({ account, profile }) {
      if (account?.type !== "oauth") return true;
      const linked = await linkOAuthAccount(getDb(), identityOf(account, profile), { freeTierLimit: env.FREE_TIER_LIMIT });
      return linked.ok ? true : `/sign-in?error=${linked.reason}`;
    },
    // next-auth's default throws on a callbackUrl that is not a URL (a 500) and trusts
    // anything starting with "/"; only this app's own pages are followed.
    redirect({ url, baseUrl }) {
      const path = safeCallbackPath(url, baseUrl);
      return path ? `${new URL(baseUrl).origin}${path}` : baseUrl;
    },
    async jwt({ token, user, account }) {
      // The session names our user (a uuid), never the provider's id for the person.
      if (account?.type === "oauth") {
        const linked = await linkedUser(getDb(), account.provider, account.providerAccountId);
        if (!linked) throw new Error("OAuthAccountNotLinked");
        token.sub = linked.id;
        token.sv = linked.sessionVersion;
        return token;
      }
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
