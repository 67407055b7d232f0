import "server-only";
import type { Db } from "@/server/db";

// A claimed message is hidden this long, so a crashed drain's messages come back.
const LEASE_MS = 5 * 60_000;

/** 30 s, 1 min, 2 min, … doubling, at most 6 h between attempts. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 6 * 3600_000);
}

export interface ClaimedMessage<P> {
  id: string;
  tenant_id: string;
  payload: P;
  attempts: number;
}

/**
 * Claims due messages of one topic with a lease (SKIP LOCKED: concurrent drains take
 * different rows), so delivery happens outside any transaction.
 */
export async function claimDue<P>(db: Db, topic: string, now: Date, limit: number, ids: string[] | null = null): Promise<ClaimedMessage<P>[]> {
  return db.$queryRaw<ClaimedMessage<P>[]>`
    UPDATE outbox SET available_at = ${new Date(now.getTime() + LEASE_MS)}
    WHERE id IN (
      SELECT id FROM outbox
      WHERE topic = ${topic} AND processed_at IS NULL AND available_at <= ${now}
        AND (${ids}::uuid[] IS NULL OR id = ANY(${ids}::uuid[]))
      ORDER BY available_at LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING id, tenant_id, payload, attempts`;
}
