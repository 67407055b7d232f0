import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { createPortalSession } from "@/server/billing/checkout";
import { checkoutDeps } from "./billing-deps";

/** Owners open Stripe's Billing Portal (payment method, invoices, plan change, cancellation). */
export const portal = tenantProcedure("owner", { sessionOnly: true })
  .output(z.object({ url: z.string() }))
  .mutation(({ ctx }) => createPortalSession(checkoutDeps(ctx), ctx.tenant.tenantId));
