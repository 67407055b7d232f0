import "server-only";
import { z } from "zod";
import { publicProcedure } from "@/server/api/trpc";
import { findOpenInvitation } from "@/server/members/find-invitation";
import { ZRole } from "@/shared/schemas/members";

const ZToken = z.object({ token: z.string().min(20, "must be an invitation token").max(200) });

/** What the invitation page shows before the invitee signs up or signs in. */
export const invitation = publicProcedure
  .input(ZToken)
  .output(z.object({ tenantName: z.string(), email: z.string(), role: ZRole, expiresAt: z.date() }))
  .query(async ({ ctx, input }) => {
    const found = await findOpenInvitation(ctx.db, input.token);
    return { tenantName: found.tenantName, email: found.email, role: found.role, expiresAt: found.expiresAt };
  });
