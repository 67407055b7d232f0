import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { changeMemberRole } from "@/server/members/manage-members";
import { ZChangeRoleInput, ZRole } from "@/shared/schemas/members";

export const changeRole = tenantProcedure("admin", { sessionOnly: true })
  .input(ZChangeRoleInput)
  .output(z.object({ userId: z.uuid(), role: ZRole }))
  .mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.tenant, input));
