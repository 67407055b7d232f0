import "server-only";
import { env } from "@/env";
import { tenantProcedure } from "@/server/api/trpc";
import { ZUsageOutput } from "@/server/tenants/schemas";
import { getTenantUsage } from "@/server/tenants/tenant-settings";

export const usage = tenantProcedure("member", { sessionOnly: true })
  .output(ZUsageOutput)
  .query(({ ctx }) => getTenantUsage(ctx, ctx.tenant.tenantId, Boolean(env.STRIPE_SECRET_KEY)));
