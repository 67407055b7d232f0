import "server-only";
import type { Env } from "@/env";
import { planLimit } from "@/server/admin/plans";
import type { BillingStatus, Plan } from "@/shared/domain/tenants";
import { auditEntry } from "@/server/audit/audit-entry";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { invalidateTenantPlan } from "@/server/usage/tenant-plan";

export interface BillingState {
  plan: Plan;
  billingStatus: BillingStatus;
  stripeSubscriptionId: string | null;
  planPeriodEnd: Date | null;
  graceUntil: Date | null;
}

/**
 * Writes a tenant's plan (with the plan's usage limit) as absolute state and makes every
 * instance see it at once. Used by the Stripe webhook, the grace-period job and the
 * operator CLI, so there is one way a plan changes.
 */
export async function applyPlan(
  deps: CacheDeps,
  env: Pick<Env, "FREE_TIER_LIMIT" | "STARTER_TIER_LIMIT" | "PRO_TIER_LIMIT">,
  tenantId: string,
  actor: string,
  state: Partial<BillingState> & { plan: Plan },
) {
  const before = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true, billingStatus: true, usageLimit: true } });
  const updated = await deps.db.$transaction(async (tx) => {
    const row = await tx.tenant.update({ where: { id: tenantId }, data: { ...state, usageLimit: planLimit(env, state.plan) } });
    if (before.plan !== state.plan || (state.billingStatus !== undefined && before.billingStatus !== state.billingStatus)) {
      await tx.auditLog.create({
        data: auditEntry({
          tenantId,
          actor,
          action: "tenant.plan_set",
          target: tenantId,
          before: { plan: before.plan, billingStatus: before.billingStatus, usageLimit: before.usageLimit },
          after: { plan: row.plan, billingStatus: row.billingStatus, usageLimit: row.usageLimit },
          metadata: { from: before.plan, to: state.plan, billingStatus: state.billingStatus ?? before.billingStatus },
        }),
      });
    }
    return row;
  });
  await invalidateTenantPlan(deps, tenantId);
  return updated;
}
