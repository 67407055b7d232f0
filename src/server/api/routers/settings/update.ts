import { tenantProcedure } from "@/server/api/trpc";
import { ZSettingsOutput, ZUpdateSettingsInput } from "@/server/tenants/schemas";
import { updateTenantSettings } from "@/server/tenants/tenant-settings";
import { settingsDeps } from "./settings-deps";

export const update = tenantProcedure("admin", { sessionOnly: true })
  .input(ZUpdateSettingsInput)
  .output(ZSettingsOutput)
  .mutation(({ ctx, input }) => updateTenantSettings(settingsDeps(ctx), ctx.tenant.tenantId, ctx.tenant.actor, input));
