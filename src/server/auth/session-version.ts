import "server-only";
import type { Db } from "@/server/db";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The version a session token was issued with; tokens from before versions existed count as 0. */
export function tokenSessionVersion(token: { sv?: unknown }): number {
  return typeof token.sv === "number" ? token.sv : 0;
}

/**
 * Whether a session of this user issued at `version` is still valid: one primary-key
 * read per session-authenticated request (API-key calls never get here).
 */
export async function sessionIsCurrent(db: Db, userId: string, version: number): Promise<boolean> {
  if (!UUID.test(userId)) return false;
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user !== null && user.sessionVersion === version;
}

/** Ends every session of the user, on every device (sign-out, password change). */
export async function revokeSessions(db: Db, userId: string): Promise<void> {
  if (!UUID.test(userId)) return;
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
