import "server-only";
import { z } from "zod";
import type { Env } from "@/env";
import { PLANS, type Plan } from "@/shared/domain/tenants";

export const ZPlan = z.enum(PLANS, { error: "plan must be one of free, starter, pro" });

/** Monthly usage per plan, from FREE_TIER_LIMIT / STARTER_TIER_LIMIT / PRO_TIER_LIMIT. */
export function planLimit(env: Pick<Env, "FREE_TIER_LIMIT" | "STARTER_TIER_LIMIT" | "PRO_TIER_LIMIT">, plan: Plan): number {
  return { free: env.FREE_TIER_LIMIT, starter: env.STARTER_TIER_LIMIT, pro: env.PRO_TIER_LIMIT }[plan];
}

/** API requests per second per key, from FREE_TIER_RATE_LIMIT / STARTER_TIER_RATE_LIMIT / PRO_TIER_RATE_LIMIT. */
export function planRateLimit(env: Pick<Env, "FREE_TIER_RATE_LIMIT" | "STARTER_TIER_RATE_LIMIT" | "PRO_TIER_RATE_LIMIT">, plan: Plan): number {
  return { free: env.FREE_TIER_RATE_LIMIT, starter: env.STARTER_TIER_RATE_LIMIT, pro: env.PRO_TIER_RATE_LIMIT }[plan];
}
