import "server-only";
import { env } from "@/env";
import type { Plan } from "@/shared/domain/tenants";
import type { LimitSpec } from "@/server/auth/resilient-limit";

/**
 * Every rate limit of the product, in one table (sliding windows, @upstash/ratelimit).
 * Limiters are built once per entry (src/server/auth/resilient-limit.ts), never per request.
 * With Redis down every limit keeps counting in process (per instance), logged and counted.
 */
export const RATE_LIMITS = {
  /** Per API key, by the tenant's plan: requests per second (FREE_/STARTER_/PRO_TIER_RATE_LIMIT). */
  apiKey: {
    free: { prefix: "po:rl:key:free", tokens: env.FREE_TIER_RATE_LIMIT, window: "1 s" },
    starter: { prefix: "po:rl:key:starter", tokens: env.STARTER_TIER_RATE_LIMIT, window: "1 s" },
    pro: { prefix: "po:rl:key:pro", tokens: env.PRO_TIER_RATE_LIMIT, window: "1 s" },
  } satisfies Record<Plan, LimitSpec>,
  /** Per signed-in user, on dashboard mutations (DASHBOARD_RATE_LIMIT per minute). */
  dashboardMutation: { prefix: "po:rl:user", tokens: env.DASHBOARD_RATE_LIMIT, window: "60 s" } satisfies LimitSpec,
  /** Sign-in: per (email, client), per client, per email (see sign-in-limit.ts for why). */
  signIn: {
    pair: { prefix: "po:signin:pair", tokens: 10, window: "15 m" },
    client: { prefix: "po:signin:client", tokens: 50, window: "15 m" },
    email: { prefix: "po:signin:email", tokens: 100, window: "24 h" },
  },
  /** Sign-up: per client and per email. */
  signUp: {
    client: { prefix: "po:signup:client", tokens: 10, window: "1 h" },
    email: { prefix: "po:signup:email", tokens: 5, window: "1 h" },
  },
} as const;
