import "server-only";
import { LRUCache } from "lru-cache";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { failOpen } from "@/server/cache/fail-open";
import { isPlan, type Plan } from "@/shared/domain/tenants";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { count } from "@/server/lib/logger";

export interface TenantPlan {
  plan: Plan;
  usageLimit: number;
  billingStatus: string;
}

/**
 * The tenant's plan as every instance sees it: a Redis hash, filled from PostgreSQL
 * on a miss and deleted on every plan change, with no in-process layer, so a change
 * applies at once everywhere. The usage check's Lua script reads `usageLimit` from
 * this same hash.
 */
export const planKey = (tenantId: string) => `po:plan:${tenantId}`;
export const PLAN_TTL_SECONDS = 300;

// Only while Redis is unreachable: PostgreSQL answers, and this spares it one read per request.
const outageCache = new LRUCache<string, { value: TenantPlan; expiresAt: number }>({ max: 10_000 });
const OUTAGE_CACHE_MS = 5_000;

// The last plan this instance read, kept only for a PostgreSQL outage: returning
// visitors must keep their price when neither Redis nor the database has the plan
// (as API keys and experiment configurations do, for the same 15 minutes).
const lastKnown = new LRUCache<string, { value: TenantPlan; at: number }>({ max: 10_000 });
const STALE_IF_DB_DOWN_MS = 15 * 60_000;

async function loadPlan(deps: CacheDeps, tenantId: string): Promise<TenantPlan | null> {
  let row;
  try {
    row = await deps.db.tenant.findUnique({ where: { id: tenantId }, select: { plan: true, usageLimit: true, billingStatus: true } });
  } catch (error) {
    const known = lastKnown.get(tenantId);
    if (known && isDatabaseUnavailable(error) && Date.now() - known.at < STALE_IF_DB_DOWN_MS) {
      count("tenant_plan_served_stale");
      return known.value;
    }
    throw error;
  }
  if (!row) return null;
  const value: TenantPlan = { plan: isPlan(row.plan) ? row.plan : "free", usageLimit: row.usageLimit, billingStatus: row.billingStatus };
  lastKnown.set(tenantId, { value, at: Date.now() });
  return value;
}

function parse(hash: Record<string, unknown> | null): TenantPlan | null {
  if (!hash) return null;
  const plan = String(hash.plan ?? "");
  const usageLimit = Number(hash.usageLimit);
  if (!isPlan(plan) || !Number.isFinite(usageLimit)) return null;
  return { plan, usageLimit, billingStatus: String(hash.billingStatus ?? "none") };
}

/** Writes the plan hash (after a miss); the usage check asks for this when the hash is missing. */
export async function cachePlan(deps: CacheDeps, tenantId: string): Promise<TenantPlan | null> {
  const value = await loadPlan(deps, tenantId);
  if (!value) return null;
  await failOpen(
    "tenant-plan.set",
    async () => {
      const tx = deps.redis.multi();
      tx.hset(planKey(tenantId), { plan: value.plan, usageLimit: value.usageLimit, billingStatus: value.billingStatus });
      tx.expire(planKey(tenantId), PLAN_TTL_SECONDS);
      await tx.exec();
    },
    undefined,
  );
  return value;
}

export async function getTenantPlan(deps: CacheDeps, tenantId: string, now = Date.now()): Promise<TenantPlan | null> {
  const hash = await failOpen<Record<string, unknown> | null | undefined>(
    "tenant-plan.get",
    () => deps.redis.hgetall<Record<string, unknown>>(planKey(tenantId)),
    undefined,
  );
  if (hash !== undefined) {
    return parse(hash) ?? (await cachePlan(deps, tenantId));
  }
  const hit = outageCache.get(tenantId);
  if (hit && hit.expiresAt > now) return hit.value;
  const value = await loadPlan(deps, tenantId);
  if (value) {
    outageCache.set(tenantId, { value, expiresAt: now + OUTAGE_CACHE_MS });
  }
  return value;
}

/**
 * After a plan, limit or billing status change: every instance reads the new values
 * on its next request. If Redis cannot be reached the change still applies within
 * the hash's TTL; the failure is logged and counted.
 */
export async function invalidateTenantPlan(deps: CacheDeps, tenantId: string): Promise<void> {
  outageCache.delete(tenantId);
  lastKnown.delete(tenantId);
  await failOpen("tenant-plan.del", () => deps.redis.del(planKey(tenantId)), 0);
}
