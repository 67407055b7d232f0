import { isOneOf } from "./one-of";

export const PLANS = ["free", "starter", "pro"] as const;
export type Plan = (typeof PLANS)[number];
/** The plans bought through Stripe, in upgrade order. */
export const PAID_PLANS = ["starter", "pro"] as const satisfies readonly Plan[];

export function isPlan(value: string): value is Plan {
  return isOneOf(PLANS, value);
}

/** Where a tenant's usage goes in Paid.ai: the platform's managed account or the tenant's own key. */
export const TENANT_MODES = ["managed", "byok"] as const;
export type TenantMode = (typeof TENANT_MODES)[number];

/** PLATFORM_MODE: which tenant modes this installation offers. */
export const PLATFORM_MODES = ["hybrid", "byok-only", "managed-only"] as const;
export type PlatformMode = (typeof PLATFORM_MODES)[number];

/** Where a tenant's Stripe subscription stands ("none": never subscribed). */
export const BILLING_STATUSES = ["none", "active", "canceling", "past_due", "canceled"] as const;
export type BillingStatus = (typeof BILLING_STATUSES)[number];
