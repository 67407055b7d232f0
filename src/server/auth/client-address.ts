import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { isIP } from "node:net";

export type HeaderBag = Headers | Record<string, unknown> | undefined;

/** TRUSTED_PROXY: "none", "vercel", or the number of proxies in front of the app that append to X-Forwarded-For. */
export type TrustedProxy = string;

export function header(headers: HeaderBag, name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const value = headers[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : null;
}

function ipv6Prefix64(ip: string): string {
  const [head = "", tail] = ip.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(":")}::/64`;
}

/**
 * One address as a bucket name. IPv6 counts per /64, the block one subscriber gets,
 * so an attacker cannot rotate through the addresses of their own network.
 */
export function normaliseIp(raw: string): string | null {
  let ip = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(ip);
  if (bracketed?.[1]) ip = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(ip)) ip = ip.slice(0, ip.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) ip = mapped[1];
  const version = isIP(ip);
  if (version === 4) return ip;
  if (version === 6) return ipv6Prefix64(ip.toLowerCase());
  return null;
}

function forwardedFor(headers: HeaderBag): string[] {
  return (header(headers, "x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client's address when the deployment says which proxy header to believe; null
 * otherwise. A header a client can write itself is never believed: with "none" there
 * is no proxy (and `next start` copies a client's own X-Forwarded-For through
 * unchanged); with N hops, each trusted proxy appended the address it was reached
 * from, so the client is the N-th entry from the right and everything left of it
 * is whatever the client sent.
 */
export function trustedClientIp(headers: HeaderBag, trust: TrustedProxy): string | null {
  if (trust === "none") return null;
  if (trust === "vercel") {
    // Set by Vercel's edge, which overwrites any value a client sends (as it does X-Forwarded-For).
    const vercel = header(headers, "x-vercel-forwarded-for")?.split(",")[0];
    const entry = vercel ?? forwardedFor(headers).at(-1);
    return entry ? normaliseIp(entry) : null;
  }
  const hops = Number(trust);
  const entries = forwardedFor(headers);
  if (!Number.isInteger(hops) || hops < 1 || entries.length === 0) return null;
  const entry = entries[Math.max(0, entries.length - hops)];
  return entry ? normaliseIp(entry) : null;
}

// next-auth's CSRF cookie: set once per browser session, and sent with every sign-in.
const CSRF_COOKIE = /(?:^|;\s*)(?:__Host-)?next-auth\.csrf-token=([^;]+)/;

/**
 * The bucket name of the client behind a request, for rate limits:
 * - `ip:…` when TRUSTED_PROXY names a header to believe;
 * - otherwise `browser:…`, a hash of next-auth's CSRF cookie: stable for one browser
 *   session, so a person who signed in before is recognised, while an attacker who
 *   mints new cookies only ever gets fresh, separate buckets (never a shared one);
 * - otherwise `request:…`, unique to this request: with no trustworthy address, one
 *   bucket shared by every client would let anyone lock everyone out.
 */
export function clientKey(headers: HeaderBag, trust: TrustedProxy): string {
  const ip = trustedClientIp(headers, trust);
  if (ip) return `ip:${ip}`;
  const csrf = CSRF_COOKIE.exec(header(headers, "cookie") ?? "")?.[1];
  if (csrf) return `browser:${createHash("sha256").update(csrf).digest("hex").slice(0, 32)}`;
  return `request:${randomUUID()}`;
}

/** Whether a client key stands for more than this one request. */
export function isStableClient(key: string): boolean {
  return !key.startsWith("request:");
}
