import "server-only";
import { z } from "zod";
import { env } from "@/env";
import { tenantProcedure } from "@/server/api/trpc";
import { log } from "@/server/lib/logger";
import { inviteMember } from "@/server/members/invite-member";
import { ZInvitationOutput } from "@/server/members/schemas";
import { ZInviteInput } from "@/shared/schemas/members";

function appBaseUrl(headers: Headers): string {
  if (env.NEXTAUTH_URL) return env.NEXTAUTH_URL.replace(/\/+$/, "");
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  return `${headers.get("x-forwarded-proto") ?? "http"}://${host}`;
}

/**
 * No mail is sent: the inviter receives the link once to pass on (and in
 * development it is printed to the server console).
 */
export const invite = tenantProcedure("admin", { sessionOnly: true })
  .input(ZInviteInput)
  .output(ZInvitationOutput.extend({ link: z.url() }))
  .mutation(async ({ ctx, input }) => {
    const { token, ...invitation } = await inviteMember(ctx.db, ctx.tenant, input);
    const link = `${appBaseUrl(ctx.headers)}/invite/${token}`;
    if (env.NODE_ENV === "development") log("info", "invitation link", { email: input.email, link });
    return { ...invitation, link };
  });
