import "server-only";
import type { Db } from "@/server/db";
import { sqlPool } from "@/server/db";

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface OutboxStats {
  pending: number;
  oldestAgeSeconds: number;
  byTopic: { topic: string; pending: number }[];
}

/** Where a scrape reads the database pool and the outbox; tests pass their own database. */
export interface DependencySources {
  db: () => Db | null;
}

export function poolStats(db: Db | null): PoolStats | null {
  if (!db) return null;
  const pool = sqlPool(db);
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options.max ?? 10 };
}

const OUTBOX_SQL = `
  SELECT topic, count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float8 AS oldest
  FROM outbox WHERE processed_at IS NULL GROUP BY topic ORDER BY topic`;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Undelivered outbox messages; one indexed query per scrape (idx_outbox_pending), never on a request. */
export async function outboxStats(db: Db, timeoutMs = 2000): Promise<OutboxStats> {
  const { rows } = await withTimeout(sqlPool(db).query<{ topic: string; pending: number; oldest: number }>(OUTBOX_SQL), timeoutMs);
  return {
    pending: rows.reduce((sum, r) => sum + r.pending, 0),
    oldestAgeSeconds: rows.reduce((max, r) => Math.max(max, r.oldest), 0),
    byTopic: rows.map((r) => ({ topic: r.topic, pending: r.pending })),
  };
}
