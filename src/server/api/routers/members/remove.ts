import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { removeMember } from "@/server/members/manage-members";

export const remove = tenantProcedure("admin", { sessionOnly: true })
  .input(z.object({ userId: z.uuid("must be a user id") }))
  .output(z.object({ userId: z.uuid() }))
  .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.tenant, input.userId));
