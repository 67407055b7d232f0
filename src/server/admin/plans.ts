import { z } from "zod";
import type { Env } from "@/env";

export const PLANS = ["free", "starter", "pro"] as const;
export const ZPlan = z.enum(PLANS, { error: "plan must be one of free, starter, pro" });
export type Plan = (typeof PLANS)[number];

/** Monthly usage per plan, from FREE_TIER_LIMIT / STARTER_TIER_LIMIT / PRO_TIER_LIMIT. */
export function planLimit(env: Pick<Env, "FREE_TIER_LIMIT" | "STARTER_TIER_LIMIT" | "PRO_TIER_LIMIT">, plan: Plan): number {
  return { free: env.FREE_TIER_LIMIT, starter: env.STARTER_TIER_LIMIT, pro: env.PRO_TIER_LIMIT }[plan];
}

export function isPlan(value: string): value is Plan {
  return (PLANS as readonly string[]).includes(value);
}

/** API requests per second per key, from FREE_TIER_RATE_LIMIT / STARTER_TIER_RATE_LIMIT / PRO_TIER_RATE_LIMIT. */
export function planRateLimit(env: Pick<Env, "FREE_TIER_RATE_LIMIT" | "STARTER_TIER_RATE_LIMIT" | "PRO_TIER_RATE_LIMIT">, plan: Plan): number {
  return { free: env.FREE_TIER_RATE_LIMIT, starter: env.STARTER_TIER_RATE_LIMIT, pro: env.PRO_TIER_RATE_LIMIT }[plan];
}
