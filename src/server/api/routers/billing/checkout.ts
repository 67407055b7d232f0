import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { createCheckoutSession } from "@/server/billing/checkout";
import { PAID_PLANS } from "@/shared/domain/tenants";
import { checkoutDeps } from "./billing-deps";

/** Owners start a Stripe Checkout for a paid plan; the answer is the URL to send the browser to. */
export const checkout = tenantProcedure("owner", { sessionOnly: true })
  .input(z.strictObject({ plan: z.enum(PAID_PLANS, { error: "plan must be starter or pro" }) }))
  .output(z.object({ url: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const userId = await ctx.getUserId();
    const user = userId ? await ctx.db.user.findUnique({ where: { id: userId }, select: { email: true } }) : null;
    return createCheckoutSession(checkoutDeps(ctx), ctx.tenant.tenantId, input.plan, user?.email ?? null);
  });
