import "server-only";
import { z } from "zod";
import { env } from "@/env";
import { tenantProcedure } from "@/server/api/trpc";
import { BILLING_STATUSES, PAID_PLANS, PLANS } from "@/shared/domain/tenants";

export const ZBillingStatus = z.object({
  plan: z.string(),
  billingStatus: z.enum(BILLING_STATUSES),
  planPeriodEnd: z.date().nullable(),
  graceUntil: z.date().nullable(),
  billingConfigured: z.boolean(),
  hasBillingAccount: z.boolean(),
  upgrades: z.array(z.enum(PAID_PLANS)),
});

/** What the billing page and the banners need: the plan and where its payment stands. */
export const status = tenantProcedure("member", { sessionOnly: true })
  .output(ZBillingStatus)
  .query(async ({ ctx }) => {
    const t = await ctx.db.tenant.findUniqueOrThrow({
      where: { id: ctx.tenant.tenantId },
      select: { plan: true, billingStatus: true, planPeriodEnd: true, graceUntil: true, stripeCustomerId: true },
    });
    const configured = Boolean(env.STRIPE_SECRET_KEY);
    const order: readonly string[] = PLANS;
    const upgrades = PAID_PLANS.filter(
      (p) => order.indexOf(p) > order.indexOf(t.plan) && Boolean(p === "starter" ? env.STRIPE_PRICE_STARTER : env.STRIPE_PRICE_PRO),
    );
    return {
      plan: t.plan,
      billingStatus: BILLING_STATUSES.find((s) => s === t.billingStatus) ?? "none",
      planPeriodEnd: t.planPeriodEnd,
      graceUntil: t.graceUntil,
      billingConfigured: configured,
      hasBillingAccount: Boolean(t.stripeCustomerId),
      upgrades: configured ? upgrades : [],
    };
  });
