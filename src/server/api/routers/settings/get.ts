import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { ZSettingsOutput } from "@/server/tenants/schemas";
import { getTenantSettings } from "@/server/tenants/tenant-settings";
import { settingsDeps } from "./settings-deps";

/** Every member may read the settings; the Paid.ai key only ever leaves masked. */
export const get = tenantProcedure("member", { sessionOnly: true })
  .output(ZSettingsOutput)
  .query(({ ctx }) => getTenantSettings(settingsDeps(ctx), ctx.tenant.tenantId));
