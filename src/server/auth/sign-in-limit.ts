import "server-only";
import { createHash } from "node:crypto";
import { env } from "@/env";
import { clientKey, type HeaderBag, isStableClient, type TrustedProxy } from "@/server/auth/client-address";
import { limitAttempt, onLimitRedis } from "@/server/auth/resilient-limit";
import { RATE_LIMITS } from "@/server/rate-limit/policy";

/**
 * Sign-in limits, chosen so that guessing is hopeless and nobody can lock the real
 * owner out:
 * - per (email, client): 10 in 15 minutes. Someone who mistypes is not bothered; one
 *   client guessing one account is stopped. Only that client is affected.
 * - per client: 50 in 15 minutes, across emails (one address trying many accounts).
 * - per email: 100 in 24 hours from everyone, against guessing from many addresses.
 *   A client that signed in to this email successfully in the last 30 days is exempt,
 *   so an attacker who uses this up blocks only clients the owner never used.
 * Clients are named by src/server/auth/client-address.ts (TRUSTED_PROXY).
 */
export const SIGN_IN_LIMITS = RATE_LIMITS.signIn;

const KNOWN_CLIENT_SECONDS = 30 * 24 * 3600;

/** Thrown by authorize; next-auth passes the message to the sign-in page as `error`. */
export const SIGN_IN_LIMITED = "TooManyAttempts";

/** Emails are hashed before they become Redis keys. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 40);
}

const knownKey = (email: string, client: string) => `po:signin:known:${emailKey(email)}:${client}`;

export interface LimitOptions {
  trustedProxy?: TrustedProxy;
}

/**
 * Counts one sign-in attempt; false when it must be refused. With Redis down the
 * counting continues in process (logged and counted), it never fails open.
 */
export async function signInAttemptAllowed(email: string, headers: HeaderBag, opts: LimitOptions = {}): Promise<boolean> {
  const client = clientKey(headers, opts.trustedProxy ?? env.TRUSTED_PROXY);
  const account = emailKey(email);
  const stable = isStableClient(client);
  const [pairOk, clientOk, emailOk] = await Promise.all([
    stable ? limitAttempt(SIGN_IN_LIMITS.pair, `${account}:${client}`) : true,
    stable ? limitAttempt(SIGN_IN_LIMITS.client, client) : true,
    limitAttempt(SIGN_IN_LIMITS.email, account),
  ]);
  if (!pairOk || !clientOk) return false;
  if (emailOk) return true;
  return stable && (await onLimitRedis("known client", async (redis) => (await redis.exists(knownKey(email, client))) > 0));
}

/** After a right password: this client is known to this account, and exempt from the per-email limit. */
export async function recordSignInSuccess(email: string, headers: HeaderBag, opts: LimitOptions = {}): Promise<void> {
  const client = clientKey(headers, opts.trustedProxy ?? env.TRUSTED_PROXY);
  if (!isStableClient(client)) return;
  await onLimitRedis("remember client", (redis) => redis.set(knownKey(email, client), 1, { ex: KNOWN_CLIENT_SECONDS }));
}
