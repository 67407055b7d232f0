import "server-only";
import { env } from "@/env";
import { clientKey, type HeaderBag, isStableClient } from "@/server/auth/client-address";
import { limitAttempt } from "@/server/auth/resilient-limit";
import { emailKey, type LimitOptions } from "@/server/auth/sign-in-limit";
import { appError } from "@/server/lib/app-error";
import { RATE_LIMITS } from "@/server/rate-limit/policy";

/**
 * Sign-up limits, as for sign-in: per client (creating accounts in bulk) and per
 * email (probing one address). Both are about attempts, so a legitimate person is
 * never near them.
 */
export const SIGN_UP_LIMITS = RATE_LIMITS.signUp;

/** Counts one sign-up attempt; TOO_MANY_REQUESTS (appCode TOO_MANY_ATTEMPTS) when over a limit. */
export async function assertSignUpAllowed(email: string, headers: HeaderBag, opts: LimitOptions = {}): Promise<void> {
  const client = clientKey(headers, opts.trustedProxy ?? env.TRUSTED_PROXY);
  const [clientOk, emailOk] = await Promise.all([
    isStableClient(client) ? limitAttempt(SIGN_UP_LIMITS.client, client) : true,
    limitAttempt(SIGN_UP_LIMITS.email, emailKey(email)),
  ]);
  if (!clientOk || !emailOk) {
    throw appError("TOO_MANY_REQUESTS", "TOO_MANY_ATTEMPTS", "Too many sign-up attempts. Wait an hour, then try again.");
  }
}
