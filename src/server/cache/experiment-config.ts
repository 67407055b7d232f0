import "server-only";
import type { Redis } from "@upstash/redis";
import { LRUCache } from "lru-cache";
import type { Db } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { count } from "@/server/lib/logger";
import { asObject } from "@/server/experiments/serialize";
import { countLookup } from "@/server/metrics/cache-stats";
import { failOpen } from "./fail-open";

export interface VariantConfig {
  id: string;
  key: string;
  price: string;
  weight: number;
  isControl: boolean;
  metadata: Record<string, unknown>;
}

export interface ExperimentConfig {
  id: string;
  tenantId: string;
  key: string;
  status: string;
  currency: string;
  endDate: string | null;
  winningVariantId: string | null;
  variants: VariantConfig[];
}

export interface CacheDeps {
  db: Db;
  redis: Redis;
}

/** The seed's cache TTLs: experiment configuration 60 s (assignments 300 s, see assign-variant). */
export const CONFIG_TTL_SECONDS = 60;
// A short in-process layer in front of Redis; another instance sees a change within this time.
const LOCAL_TTL_MS = 5_000;
// While PostgreSQL cannot answer (and Redis has no copy), the last configuration this
// instance saw keeps serving for this long, so returning visitors keep their price.
const STALE_IF_DB_DOWN_MS = 15 * 60_000;
// After a failed load the database is asked again only after this long.
const RETRY_DB_AFTER_MS = 5_000;
// Expiry is checked by hand rather than with the cache's own TTL: an expired entry is
// still needed while the database is down (STALE_IF_DB_DOWN_MS).
const local = new LRUCache<string, { value: ExperimentConfig | null; expiresAt: number; loadedAt: number }>({ max: 5_000 });

const cacheKey = (tenantId: string, key: string) => `po:exp:${tenantId}:${key}`;

async function loadFromDb(db: Db, tenantId: string, key: string): Promise<ExperimentConfig | null> {
  const row = await db.experiment.findUnique({
    where: { tenantId_key: { tenantId, key } },
    include: { variants: { orderBy: { position: "asc" } } },
  });
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    key: row.key,
    status: row.status,
    currency: row.currency,
    endDate: row.endDate?.toISOString() ?? null,
    winningVariantId: row.winningVariantId,
    variants: row.variants.map((v) => ({
      id: v.id,
      key: v.key,
      price: v.price.toFixed(2),
      weight: v.weight,
      isControl: v.isControl,
      metadata: asObject(v.metadata),
    })),
  };
}

export async function getExperimentConfig(deps: CacheDeps, tenantId: string, key: string, now = Date.now()): Promise<ExperimentConfig | null> {
  const k = cacheKey(tenantId, key);
  const hit = local.get(k);
  if (hit && hit.expiresAt > now) {
    countLookup("experiment_config", "local", "hit");
    return hit.value;
  }
  countLookup("experiment_config", "local", "miss");
  let value = await failOpen("experiment-config.get", () => deps.redis.get<ExperimentConfig>(k), null);
  countLookup("experiment_config", "redis", value ? "hit" : "miss");
  if (!value) {
    try {
      value = await loadFromDb(deps.db, tenantId, key);
    } catch (error) {
      if (!hit || now - hit.loadedAt > STALE_IF_DB_DOWN_MS || !isDatabaseUnavailable(error)) throw error;
      count("experiment_config_served_stale");
      hit.expiresAt = now + RETRY_DB_AFTER_MS;
      return hit.value;
    }
    if (value) {
      const toStore = value;
      await failOpen("experiment-config.set", () => deps.redis.set(k, toStore, { ex: CONFIG_TTL_SECONDS }), null);
    }
  }
  local.set(k, { value, expiresAt: now + LOCAL_TTL_MS, loadedAt: now });
  return value;
}

export async function invalidateExperimentConfig(deps: CacheDeps, tenantId: string, key: string): Promise<void> {
  const k = cacheKey(tenantId, key);
  local.delete(k);
  await failOpen("experiment-config.del", () => deps.redis.del(k), 0);
}
