import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { env } from "@/env";

export const metadata: Metadata = { title: "Sign in · Pricing Optimizer" };
export const dynamic = "force-dynamic";

function safeCallback(value: string | string[] | undefined): string {
  const v = typeof value === "string" ? value : "";
  // Only paths on this site: never an open redirect.
  return v.startsWith("/") && !v.startsWith("//") ? v : "/experiments";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const providers = [
    ...(env.GITHUB_ID && env.GITHUB_SECRET ? [{ id: "github", name: "GitHub" }] : []),
    ...(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET ? [{ id: "google", name: "Google" }] : []),
  ];
  return <SignInForm callbackUrl={safeCallback(params.callbackUrl)} oauthProviders={providers} initialError={typeof params.error === "string" ? params.error : null} />;
}
