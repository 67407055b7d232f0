import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { listAuditLog } from "@/server/audit/list-audit-log";
import { ZAuditListInput, ZAuditListOutput } from "@/server/audit/schemas";

/** The tenant's audit trail, newest first: owners and admins in the dashboard. */
export const list = tenantProcedure("admin", { sessionOnly: true })
  .input(ZAuditListInput)
  .output(ZAuditListOutput)
  .query(({ ctx, input }) => listAuditLog(ctx.db, ctx.tenant.tenantId, input));
