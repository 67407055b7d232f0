import "server-only";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { failOpen } from "@/server/cache/fail-open";
import { count, log } from "@/server/lib/logger";
import { monthlyTrackedVisitors } from "./monthly-visitors";
import { cachePlan, planKey } from "./tenant-plan";

/** The unit of usage: a visitor assigned for the first time this calendar month (UTC). */
export const USAGE_TYPE = "tracked_visitors";

const month = (now: Date) => now.toISOString().slice(0, 7);
const day = (now: Date) => now.toISOString().slice(0, 10);
export const monthKey = (tenantId: string, now: Date) => `po:usage:${tenantId}:${month(now)}`;
export const dayKey = (tenantId: string, now: Date) => `po:usage:${tenantId}:${day(now)}`;
// Long enough for the last rollup of a month (and of its last day) to read them.
const KEY_TTL_SECONDS = 40 * 86_400;

// Check and count in one step, so with limit N exactly N concurrent new visitors
// get in: -3 = no plan hash, -2 = no counter yet (seed it), -1 = at the limit.
const RESERVE = `
local limit = redis.call('HGET', KEYS[3], 'usageLimit')
if not limit then return -3 end
local used = redis.call('GET', KEYS[1])
if not used then return -2 end
if tonumber(used) >= tonumber(limit) then return -1 end
local n = redis.call('INCR', KEYS[1])
redis.call('INCR', KEYS[2])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return n`;

const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('DECR', KEYS[2]) end
return 1`;

type Script = ReturnType<CacheDeps["redis"]["createScript"]>;
// Loaded once per Redis client; run by EVALSHA (EVAL on NOSCRIPT).
const scripts = new WeakMap<CacheDeps["redis"], { reserve: Script; release: Script }>();
function scriptsFor(redis: CacheDeps["redis"]) {
  let s = scripts.get(redis);
  if (!s) scripts.set(redis, (s = { reserve: redis.createScript(RESERVE), release: redis.createScript(RELEASE) }));
  return s;
}

/**
 * reserved: counted, the visitor may enter (release it if they turn out to be known);
 * over_limit: the month's limit is reached; unmetered: Redis is unavailable, so the
 * visitor enters uncounted (checkout and the experiment go on; logged and counted as
 * `usage.unmetered`; the rollup reconciles the counter from PostgreSQL).
 */
export type Reservation = "reserved" | "over_limit" | "unmetered";

/** Sets the month's counter from the assignments when it is missing (new month, or Redis lost it). */
export function seedMonthCounter(deps: CacheDeps, tenantId: string, now: Date): Promise<void> {
  const key = monthKey(tenantId, now);
  // One count per instance when many new visitors find the counter missing at once.
  let pending = seeding.get(key);
  if (!pending) {
    pending = (async () => {
      const used = await monthlyTrackedVisitors(deps.db, tenantId, now);
      await failOpen("usage.seed", () => deps.redis.set(key, used, { nx: true, ex: KEY_TTL_SECONDS }), null);
    })().finally(() => seeding.delete(key));
    seeding.set(key, pending);
  }
  return pending;
}
const seeding = new Map<string, Promise<void>>();

export async function reserveVisitor(deps: CacheDeps, tenantId: string, now = new Date()): Promise<Reservation> {
  const keys = [monthKey(tenantId, now), dayKey(tenantId, now), planKey(tenantId)];
  const unavailable = "unavailable" as const;
  for (let attempt = 0; attempt < 3; attempt++) {
    const reserve = scriptsFor(deps.redis).reserve;
    const answer = await failOpen<number | typeof unavailable>(
      "usage.reserve",
      async () => Number(await reserve.exec(keys, [String(KEY_TTL_SECONDS)])),
      unavailable,
    );
    if (answer === unavailable) break;
    if (answer === -1) return "over_limit";
    if (answer > 0) return "reserved";
    if (answer === -3 && !(await cachePlan(deps, tenantId))) break;
    if (answer === -2) await seedMonthCounter(deps, tenantId, now);
  }
  count("usage.unmetered");
  log("warn", "usage not counted: Redis unavailable, visitor admitted", { tenantId });
  return "unmetered";
}

/** Gives back a reservation whose visitor was already assigned (or whose assignment failed). */
export async function releaseVisitor(deps: CacheDeps, tenantId: string, now: Date): Promise<void> {
  const release = scriptsFor(deps.redis).release;
  await failOpen("usage.release", () => release.exec([monthKey(tenantId, now), dayKey(tenantId, now)], []), null);
}

/**
 * This month's usage from the same counter the limit check uses (seeded when missing);
 * null when Redis is unavailable, so the caller falls back to the rolled-up value.
 */
export async function readMonthUsage(deps: CacheDeps, tenantId: string, now = new Date()): Promise<number | null> {
  const read = () =>
    failOpen<number | string | null | undefined>("usage.read", () => deps.redis.get<number | string>(monthKey(tenantId, now)), undefined);
  let value = await read();
  if (value === null) {
    await seedMonthCounter(deps, tenantId, now);
    value = await read();
  }
  return value === undefined || value === null ? null : Number(value);
}
