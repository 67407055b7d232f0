import "server-only";
import { z } from "zod";
import { signedInProcedure } from "@/server/api/trpc";
import { acceptInvitation as accept } from "@/server/members/accept-invitation";
import { ZRole } from "@/shared/schemas/members";

export const acceptInvitation = signedInProcedure
  .input(z.object({ token: z.string().min(20, "must be an invitation token").max(200) }))
  .output(z.object({ tenantId: z.uuid(), tenantName: z.string(), role: ZRole }))
  .mutation(({ ctx, input }) => accept(ctx.db, ctx.userId, input.token));
