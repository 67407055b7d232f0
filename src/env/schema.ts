import { z } from "zod";
import { PLATFORM_MODES } from "../shared/domain/tenants";
import { redisStandInRefusal } from "./stand-ins";

// Placeholders copied from the deployment guide must never reach production.
const KNOWN_PLACEHOLDERS = new Set([
  "your-production-jwt-secret-minimum-32-chars",
  "your-32-byte-encryption-key-here",
  "change-me",
  "changeme",
  "secret",
]);

const secret = (name: string) =>
  z
    .string({ error: `${name} is required` })
    .min(32, `${name} must be at least 32 characters`)
    .refine((v) => !KNOWN_PLACEHOLDERS.has(v), `${name} is a documentation placeholder; generate a random value`)
    .refine((v) => new Set(v).size >= 8, `${name} is too weak (too few distinct characters)`);

/** 32 raw bytes, written as 64 hex characters or as base64. */
export function decodeKey32(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const buf = Buffer.from(value.replace(/-/g, "+").replace(/_/g, "/"), "base64");
    return buf.length === 32 ? buf : null;
  }
  return null;
}

const encryptionKey = z
  .string({ error: "API_KEY_ENCRYPTION_KEY is required" })
  .refine(
    (v) => decodeKey32(v) !== null,
    "API_KEY_ENCRYPTION_KEY must be exactly 32 bytes, written as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)",
  );

const limit = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`)
    .default(fallback);

const millis = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(100, `${name} must be at least 100 ms`)
    .max(600_000, `${name} must be at most 600000 ms`)
    .default(fallback);

const optIn = (name: string) => z.enum(["0", "1", "true", "false"], { error: `${name} must be 1 or 0` }).optional();

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgresql:// URL");

const redisUrl = z.string().refine((v) => /^rediss?:\/\//.test(v), "REDIS_URL must be a redis:// or rediss:// URL");

export function serverSchema() {
  return {
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    JWT_SECRET: secret("JWT_SECRET"),
    API_KEY_ENCRYPTION_KEY: encryptionKey,
    NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET"),
    NEXTAUTH_URL: z.url("NEXTAUTH_URL must be a URL").optional(),
    PLATFORM_MODE: z.enum(PLATFORM_MODES, { error: "PLATFORM_MODE must be one of hybrid, byok-only, managed-only" }).default("hybrid"),
    PAID_API_KEY: z.string().min(1).optional(),
    PAID_API_BASE_URL: z.url("PAID_API_BASE_URL must be a URL").default("https://api.paid.ai/v1"),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_CONNECT_TIMEOUT_MS: millis("DATABASE_CONNECT_TIMEOUT_MS", 3_000),
    DATABASE_QUERY_TIMEOUT_MS: millis("DATABASE_QUERY_TIMEOUT_MS", 5_000),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", 10_000),
    REDIS_URL: redisUrl.optional(),
    ALLOW_EMBEDDED_DATABASE: optIn("ALLOW_EMBEDDED_DATABASE"),
    ALLOW_IN_MEMORY_REDIS: optIn("ALLOW_IN_MEMORY_REDIS"),
    UPSTASH_REDIS_REST_URL: z.url("UPSTASH_REDIS_REST_URL must be a URL").optional(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(1).optional(),
    FREE_TIER_LIMIT: limit("FREE_TIER_LIMIT", 1000),
    STARTER_TIER_LIMIT: limit("STARTER_TIER_LIMIT", 10000),
    PRO_TIER_LIMIT: limit("PRO_TIER_LIMIT", 100000),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_/, "STRIPE_SECRET_KEY must start with sk_test_, sk_live_ or rk_")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "STRIPE_WEBHOOK_SECRET must start with whsec_").optional(),
    STRIPE_PRICE_STARTER: z.string().startsWith("price_", "STRIPE_PRICE_STARTER must be a Stripe price id (price_…)").optional(),
    STRIPE_PRICE_PRO: z.string().startsWith("price_", "STRIPE_PRICE_PRO must be a Stripe price id (price_…)").optional(),
    // Managed mode: the Billing Meter's event name that usage is reported under.
    STRIPE_METER_EVENT_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,100}$/, "STRIPE_METER_EVENT_NAME must be a meter event name")
      .optional(),
    // Where the Stripe client sends requests; only tests and mocks change it.
    STRIPE_API_URL: z.url("STRIPE_API_URL must be a URL").default("https://api.stripe.com"),
    FREE_TIER_RATE_LIMIT: limit("FREE_TIER_RATE_LIMIT", 20),
    STARTER_TIER_RATE_LIMIT: limit("STARTER_TIER_RATE_LIMIT", 100),
    PRO_TIER_RATE_LIMIT: limit("PRO_TIER_RATE_LIMIT", 500),
    DASHBOARD_RATE_LIMIT: limit("DASHBOARD_RATE_LIMIT", 60),
    GITHUB_ID: z.string().min(1).optional(),
    GITHUB_SECRET: z.string().min(1).optional(),
    GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    // Where the providers are: GitHub Enterprise Server, or a local provider in tests.
    GITHUB_URL: z.url("GITHUB_URL must be a URL").default("https://github.com"),
    GITHUB_API_URL: z.url("GITHUB_API_URL must be a URL").default("https://api.github.com"),
    GOOGLE_ISSUER: z.url("GOOGLE_ISSUER must be a URL").default("https://accounts.google.com"),
    CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
    // Build only: "1" makes `next build` also write .next/standalone (the Docker image).
    BUILD_STANDALONE: z.enum(["0", "1"], { error: "BUILD_STANDALONE must be 0 or 1" }).optional(),
    // Bearer token for GET /api/metrics (Prometheus); unset = the endpoint answers 503.
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    // Which proxy header tells the client's address (rate limits): see README, "Client addresses".
    TRUSTED_PROXY: z
      .string()
      .regex(/^(none|vercel|[1-9]\d?)$/, "TRUSTED_PROXY must be none, vercel, or the number of proxies in front of the app (1-99)")
      .default("none"),
  };
}

export const clientSchema = {
  NEXT_PUBLIC_API_URL: z.url("NEXT_PUBLIC_API_URL must be a URL").optional(),
};

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Cross-field rules the per-variable schemas cannot express. */
export function crossFieldProblems(env: Record<string, unknown>, opts: { building?: boolean } = {}): string[] {
  const problems: string[] = [];
  // A build compiles code and touches no database; the server started from it needs one.
  if (env.NODE_ENV === "production" && !env.DATABASE_URL && !opts.building) problems.push("DATABASE_URL is required in production");
  if (env.NODE_ENV === "production" && !opts.building) {
    const redis = redisStandInRefusal({
      REDIS_URL: str(env.REDIS_URL),
      UPSTASH_REDIS_REST_URL: str(env.UPSTASH_REDIS_REST_URL),
      UPSTASH_REDIS_REST_TOKEN: str(env.UPSTASH_REDIS_REST_TOKEN),
      ALLOW_IN_MEMORY_REDIS: str(env.ALLOW_IN_MEMORY_REDIS),
    });
    if (redis) problems.push(redis);
  }
  const url = env.UPSTASH_REDIS_REST_URL;
  const token = env.UPSTASH_REDIS_REST_TOKEN;
  if (Boolean(url) !== Boolean(token)) {
    problems.push(
      url
        ? "UPSTASH_REDIS_REST_TOKEN is required when UPSTASH_REDIS_REST_URL is set"
        : "UPSTASH_REDIS_REST_URL is required when UPSTASH_REDIS_REST_TOKEN is set",
    );
  }
  if (env.PLATFORM_MODE === "managed-only" && env.NODE_ENV === "production" && !env.PAID_API_KEY) {
    problems.push("PAID_API_KEY is required when PLATFORM_MODE is managed-only");
  }
  if (env.STRIPE_SECRET_KEY && env.NODE_ENV === "production" && !env.STRIPE_WEBHOOK_SECRET) {
    problems.push("STRIPE_WEBHOOK_SECRET is required when STRIPE_SECRET_KEY is set (plans change through the webhook)");
  }
  if (Boolean(env.GITHUB_ID) !== Boolean(env.GITHUB_SECRET)) problems.push("GITHUB_ID and GITHUB_SECRET must be set together");
  if (Boolean(env.GOOGLE_CLIENT_ID) !== Boolean(env.GOOGLE_CLIENT_SECRET)) {
    problems.push("GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET must be set together");
  }
  return problems;
}
