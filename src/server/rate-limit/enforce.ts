import "server-only";
import type { Plan } from "@/shared/domain/tenants";
import { checkLimit, type LimitResult } from "@/server/auth/resilient-limit";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { appError } from "@/server/lib/app-error";
import { getTenantPlan } from "@/server/usage/tenant-plan";
import { RATE_LIMITS } from "./policy";

/** The standard answer headers: X-RateLimit-Reset is in Unix seconds; Retry-After (seconds) only when refused. */
export function rateLimitHeaders(result: LimitResult, now = Date.now()): Record<string, string> {
  const headers: Record<string, string> = {
    "X-RateLimit-Limit": String(result.limit),
    "X-RateLimit-Remaining": String(result.remaining),
    "X-RateLimit-Reset": String(Math.ceil(result.reset / 1000)),
  };
  if (!result.success) headers["Retry-After"] = String(Math.max(1, Math.ceil((result.reset - now) / 1000)));
  return headers;
}

function apply(resHeaders: Headers, result: LimitResult): void {
  for (const [name, value] of Object.entries(rateLimitHeaders(result))) resHeaders.set(name, value);
}

/** Per API key, at its tenant's plan's rate. TOO_MANY_REQUESTS (RATE_LIMITED) over it. */
export async function enforceApiKeyLimit(deps: CacheDeps & { resHeaders: Headers }, keyId: string, tenantId: string): Promise<void> {
  const plan: Plan = (await getTenantPlan(deps, tenantId))?.plan ?? "free";
  const spec = RATE_LIMITS.apiKey[plan];
  const result = await checkLimit(spec, keyId);
  apply(deps.resHeaders, result);
  if (!result.success) {
    throw appError(
      "TOO_MANY_REQUESTS",
      "RATE_LIMITED",
      `This API key is over its ${plan} plan's limit of ${spec.tokens} requests per second; retry after the Retry-After header's seconds.`,
    );
  }
}

/** Per signed-in user, on dashboard mutations. */
export async function enforceUserLimit(resHeaders: Headers, userId: string): Promise<void> {
  const spec = RATE_LIMITS.dashboardMutation;
  const result = await checkLimit(spec, userId);
  apply(resHeaders, result);
  if (!result.success) {
    throw appError("TOO_MANY_REQUESTS", "RATE_LIMITED", `Too many changes: at most ${spec.tokens} a minute. Wait a moment, then try again.`);
  }
}
