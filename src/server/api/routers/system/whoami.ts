import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";

export const ZWhoamiOutput = z.object({
  tenantId: z.uuid(),
  tenantName: z.string(),
  plan: z.string(),
  role: z.enum(["owner", "admin", "member"]),
  actor: z.string(),
});

/** Who the caller is acting as: a quick way to check a key or a session. */
export const whoami = tenantProcedure("member")
  .output(ZWhoamiOutput)
  .query(async ({ ctx }) => {
    const tenant = await ctx.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.tenantId }, select: { name: true, plan: true } });
    return { tenantId: ctx.tenant.tenantId, tenantName: tenant.name, plan: tenant.plan, role: ctx.tenant.role, actor: ctx.tenant.actor };
  });
