import type { Metadata } from "next";
import { headers } from "next/headers";
import { AcceptInvitation } from "@/components/auth/accept-invitation";
import { sessionUserId } from "@/server/auth/session-user";

export const metadata: Metadata = { title: "Join a workspace · Pricing Optimizer" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const signedIn = Boolean(await sessionUserId(await headers()));
  return <AcceptInvitation token={token} signedIn={signedIn} />;
}
