import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { env } from "@/env";
import { caller } from "@/trpc/server";
import { safeCallbackPath } from "@/server/auth/safe-callback";
import { sessionUserId } from "@/server/auth/session-user";
import { appOrigin } from "@/server/lib/app-origin";

export const metadata: Metadata = { title: "Sign in · Pricing Optimizer" };
export const dynamic = "force-dynamic";

// Only pages of this app: never an open redirect (see safeCallbackPath for the traps).
function safeCallback(value: string | string[] | undefined): string {
  return safeCallbackPath(value, appOrigin()) ?? "/experiments";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Someone already signed in goes on; the same test as the dashboard's layout, so a
  // session whose user was deleted stays here instead of bouncing between the two.
  if (await sessionUserId(await headers())) {
    const me = await caller.auth.me().catch(() => null);
    if (me) redirect(safeCallback(params.callbackUrl));
  }
  const providers = [
    ...(env.GITHUB_ID && env.GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET ? [{ id: "google", name: "Google" }] : []),
  ];
  return (
    <SignInForm
      callbackUrl={safeCallback(params.callbackUrl)}
      oauthProviders={providers}
      initialError={typeof params.error === "string" ? params.error : null}
    />
  );
}
