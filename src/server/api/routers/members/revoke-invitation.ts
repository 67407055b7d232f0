import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { revokeInvitation as revoke } from "@/server/members/manage-members";

export const revokeInvitation = tenantProcedure("admin", { sessionOnly: true })
  .input(z.object({ id: z.uuid("must be an invitation id") }))
  .output(z.object({ id: z.uuid() }))
  .mutation(({ ctx, input }) => revoke(ctx.db, ctx.tenant, input.id));
