import { Ratelimit } from "@upstash/ratelimit";
import { count, log } from "@/server/lib/logger";
import { getRedis } from "@/server/redis";

// Enough for someone who mistypes, few enough to make guessing hopeless.
const PER_EMAIL = { tokens: 10, window: "15 m" } as const;
const PER_IP = { tokens: 50, window: "15 m" } as const;

interface Limiters {
  email: Ratelimit;
  ip: Ratelimit;
}

let limiters: Limiters | undefined;

// Built once per process, on first use, so that importing the auth options during
// `next build` opens no Redis connection.
function getLimiters(): Limiters {
  limiters ??= {
    email: new Ratelimit({ redis: getRedis(), limiter: Ratelimit.slidingWindow(PER_EMAIL.tokens, PER_EMAIL.window), prefix: "po:signin:email" }),
    ip: new Ratelimit({ redis: getRedis(), limiter: Ratelimit.slidingWindow(PER_IP.tokens, PER_IP.window), prefix: "po:signin:ip" }),
  };
  return limiters;
}

type HeaderBag = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
}

/** The client address as the proxy in front of us reports it (Vercel and most proxies set x-forwarded-for). */
export function clientIp(headers: HeaderBag): string {
  const forwarded = header(headers, "x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || header(headers, "x-real-ip") || "unknown";
}

/** Thrown by authorize; next-auth passes the message to the sign-in page as `error`. */
export const SIGN_IN_LIMITED = "TooManyAttempts";

/**
 * Counts one sign-in attempt for this email and this IP; false when either is over
 * its limit. When Redis is unreachable sign-in stays possible (logged and counted):
 * locking everyone out is worse than a short window without throttling.
 */
export async function signInAttemptAllowed(email: string, headers: HeaderBag): Promise<boolean> {
  const { email: byEmail, ip: byIp } = getLimiters();
  try {
    const [a, b] = await Promise.all([byEmail.limit(email.trim().toLowerCase()), byIp.limit(clientIp(headers))]);
    return a.success && b.success;
  } catch (error) {
    count("signin_limit.fail_open");
    log("warn", "sign-in rate limit unavailable; allowing the attempt", { error: String(error) });
    return true;
  }
}
