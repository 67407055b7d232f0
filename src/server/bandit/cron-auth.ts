import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

export type CronAuthResult = "ok" | "not-configured" | "unauthorized";

const digest = (s: string) => createHash("sha256").update(s).digest();

/**
 * Vercel Cron sends `Authorization: Bearer <CRON_SECRET>`. Without a configured
 * secret nothing is accepted: an open endpoint would let anyone move traffic.
 * Digests are compared so the comparison time says nothing about the secret.
 */
export function authorizeCron(authorization: string | null, secret: string | undefined): CronAuthResult {
  if (!secret) return "not-configured";
  if (!authorization?.startsWith("Bearer ")) return "unauthorized";
  const given = authorization.slice("Bearer ".length).trim();
  return timingSafeEqual(digest(given), digest(secret)) ? "ok" : "unauthorized";
}
