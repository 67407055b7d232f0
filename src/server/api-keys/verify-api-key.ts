import "server-only";
import { LRUCache } from "lru-cache";
import type { Db } from "@/server/db";
import { isDatabaseUnavailable } from "@/server/db/unavailable";
import { afterResponse, type Defer } from "@/server/lib/after-response";
import { count, log } from "@/server/lib/logger";
import { type ApiKeyKind, parseApiKeyKind } from "@/shared/domain/api-keys";
import { hashApiKey, parseApiKey } from "./key-format";

export interface ApiKeyPrincipal {
  keyId: string;
  tenantId: string;
  kind: ApiKeyKind;
  allowedOrigins: string[];
}

interface CacheEntry {
  principal: ApiKeyPrincipal | null;
  verifiedAt: number;
  expiresAt: number;
  lastUsedWrite: number;
}

// Revocation takes effect within this many milliseconds on every instance.
const CACHE_MS = 10_000;
const LAST_USED_RESOLUTION_MS = 60_000;
// While PostgreSQL cannot answer, a key verified within this time keeps working, so
// returning visitors (whose price is cached) are still served. No revocation can be
// written during the outage; one made just before it may take this long to apply.
const STALE_IF_DB_DOWN_MS = 15 * 60_000;
// After a failed lookup the database is asked again only after this long, so a frozen
// server costs one connect timeout per interval, not one per request.
const RETRY_DB_AFTER_MS = 5_000;
// Expiry is checked by hand (expiresAt): an expired entry still serves while the database is down.
const cache = new LRUCache<string, CacheEntry>({ max: 10_000 });

export function forgetApiKey(hashedKey: string): void {
  cache.delete(hashedKey);
}

async function lookUp(db: Db, hashedKey: string, now: number): Promise<CacheEntry> {
  const row = await db.apiKey.findUnique({
    where: { hashedKey },
    select: { id: true, tenantId: true, kind: true, revokedAt: true, lastUsedAt: true, tenant: { select: { allowedOrigins: true } } },
  });
  const principal =
    row && !row.revokedAt
      ? { keyId: row.id, tenantId: row.tenantId, kind: parseApiKeyKind(row.kind), allowedOrigins: row.tenant?.allowedOrigins ?? [] }
      : null;
  return { principal, verifiedAt: now, expiresAt: now + CACHE_MS, lastUsedWrite: row?.lastUsedAt?.getTime() ?? 0 };
}

/**
 * Resolves a presented key to its tenant, or null when unknown, malformed or revoked.
 * `defer` runs the last_used_at write: after the response inside a request, awaited elsewhere.
 */
export async function verifyApiKey(db: Db, presented: string, now = Date.now(), defer: Defer = afterResponse): Promise<ApiKeyPrincipal | null> {
  if (!parseApiKey(presented)) return null;
  const hashedKey = hashApiKey(presented);
  let entry = cache.get(hashedKey);
  if (!entry || entry.expiresAt < now) {
    try {
      entry = await lookUp(db, hashedKey, now);
    } catch (error) {
      if (!entry || now - entry.verifiedAt > STALE_IF_DB_DOWN_MS || !isDatabaseUnavailable(error)) throw error;
      count("api_key_served_stale");
      entry.expiresAt = now + RETRY_DB_AFTER_MS;
      return entry.principal;
    }
    cache.set(hashedKey, entry);
  }
  const principal = entry.principal;
  if (principal && now - entry.lastUsedWrite > LAST_USED_RESOLUTION_MS) {
    entry.lastUsedWrite = now;
    // last_used_at is kept to the minute; inside a request it is written after the response is sent.
    await defer(async () => {
      await db.apiKey
        .update({ where: { id: principal.keyId }, data: { lastUsedAt: new Date(now) } })
        .catch((error: unknown) => log("warn", "api key last_used_at update failed", { error: String(error) }));
    });
  }
  return principal;
}
