import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { ZSettingsOutput } from "@/server/tenants/schemas";
import { ZUpdateSettingsInput } from "@/shared/schemas/tenants";
import { updateTenantSettings } from "@/server/tenants/tenant-settings";
import { settingsDeps } from "./settings-deps";

export const update = tenantProcedure("admin", { sessionOnly: true })
  .input(ZUpdateSettingsInput)
  .output(ZSettingsOutput)
  .mutation(({ ctx, input }) => updateTenantSettings(settingsDeps(ctx), ctx.tenant.tenantId, ctx.tenant.actor, input));
