import { describe, expect, it } from "vitest";
import { buildEnv, EnvValidationError } from "./build-env";
import { decodeKey32 } from "./schema";

const strong = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://app@db.internal:5432/pricing",
  REDIS_URL: "rediss://cache.internal:6380",
  JWT_SECRET: "k3J9x0Qm2LrT8vWz5NcY1bHd7FgPs4Ae",
  NEXTAUTH_SECRET: "Zq8Wv3Lm0Tn6Rb2Xc9Kd5Hy1Jf4Gs7Pa",
  API_KEY_ENCRYPTION_KEY: "a".repeat(16) + "0123456789abcdef".repeat(3),
};

function problemsOf(raw: Record<string, string | undefined>): string[] {
  try {
    buildEnv(raw, () => {});
  } catch (error) {
    if (error instanceof EnvValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration in production", () => {
  it("accepts a complete, strong configuration and applies the seed's defaults", () => {
    const env = buildEnv(strong, () => {});
    expect(env.PLATFORM_MODE).toBe("hybrid");
    expect([env.FREE_TIER_LIMIT, env.STARTER_TIER_LIMIT, env.PRO_TIER_LIMIT]).toEqual([1000, 10000, 100000]);
    expect(env.PORT).toBe(3000);
    expect(env.PAID_API_BASE_URL).toBe("https://api.paid.ai/v1");
  });

  it.each(["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY", "DATABASE_URL"])("stops when %s is missing, naming it", (name) => {
    const problems = problemsOf({ ...strong, [name]: undefined });
    expect(problems.join("\n")).toContain(name);
  });

  it("does not need DATABASE_URL to build, only to start", () => {
    expect(problemsOf({ ...strong, DATABASE_URL: undefined, NEXT_PHASE: "phase-production-build" })).toEqual([]);
    expect(problemsOf({ ...strong, DATABASE_URL: undefined, NEXT_PHASE: "phase-production-server" })).toEqual([
      "DATABASE_URL is required in production",
    ]);
  });

  it("needs Redis to start (not to build), unless the in-process store is opted into", () => {
    const noRedis = { ...strong, REDIS_URL: undefined };
    expect(problemsOf({ ...noRedis, NEXT_PHASE: "phase-production-build" })).toEqual([]);
    const problems = problemsOf(noRedis);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^REDIS_URL .*required in production.*ALLOW_IN_MEMORY_REDIS=1/);
    expect(problemsOf({ ...noRedis, ALLOW_IN_MEMORY_REDIS: "1" })).toEqual([]);
    expect(problemsOf({ ...noRedis, UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io", UPSTASH_REDIS_REST_TOKEN: "tok" })).toEqual([]);
  });

  it("names the database timeouts when they are not sane", () => {
    expect(problemsOf({ ...strong, DATABASE_QUERY_TIMEOUT_MS: "soon" })).toEqual([
      "DATABASE_QUERY_TIMEOUT_MS must be a whole number of milliseconds",
    ]);
    expect(problemsOf({ ...strong, DATABASE_CONNECT_TIMEOUT_MS: "5" })).toEqual(["DATABASE_CONNECT_TIMEOUT_MS must be at least 100 ms"]);
    const env = buildEnv(strong, () => {});
    expect([env.DATABASE_CONNECT_TIMEOUT_MS, env.DATABASE_QUERY_TIMEOUT_MS, env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS]).toEqual([
      3000, 5000, 10000,
    ]);
  });

  it("rejects a JWT_SECRET shorter than 32 characters", () => {
    expect(problemsOf({ ...strong, JWT_SECRET: "short-secret" })).toEqual(["JWT_SECRET must be at least 32 characters"]);
  });

  it("rejects the deployment guide's placeholder secret", () => {
    const problems = problemsOf({ ...strong, JWT_SECRET: "your-production-jwt-secret-minimum-32-chars" });
    expect(problems[0]).toMatch(/^JWT_SECRET is a documentation placeholder/);
  });

  it("rejects an encryption key that is not exactly 32 bytes", () => {
    expect(problemsOf({ ...strong, API_KEY_ENCRYPTION_KEY: "your-32-byte-encryption-key-here" })[0]).toMatch(
      /^API_KEY_ENCRYPTION_KEY must be exactly 32 bytes/,
    );
    expect(problemsOf({ ...strong, API_KEY_ENCRYPTION_KEY: "ab".repeat(31) })[0]).toMatch(/^API_KEY_ENCRYPTION_KEY/);
  });

  it("names bad enum, number and URL values", () => {
    const problems = problemsOf({ ...strong, PLATFORM_MODE: "sometimes", FREE_TIER_LIMIT: "lots", REDIS_URL: "http://x" });
    expect(problems).toContain("PLATFORM_MODE must be one of hybrid, byok-only, managed-only");
    expect(problems).toContain("FREE_TIER_LIMIT must be a whole number");
    expect(problems).toContain("REDIS_URL must be a redis:// or rediss:// URL");
  });

  it("accepts TRUSTED_PROXY none, vercel or a hop count, defaulting to none, and names a bad value", () => {
    expect(buildEnv(strong, () => {}).TRUSTED_PROXY).toBe("none");
    for (const ok of ["none", "vercel", "1", "2"]) expect(problemsOf({ ...strong, TRUSTED_PROXY: ok })).toEqual([]);
    for (const bad of ["true", "0", "-1", "x-forwarded-for"]) {
      expect(problemsOf({ ...strong, TRUSTED_PROXY: bad })).toEqual([
        "TRUSTED_PROXY must be none, vercel, or the number of proxies in front of the app (1-99)",
      ]);
    }
  });

  it("requires both Upstash variables together", () => {
    expect(problemsOf({ ...strong, UPSTASH_REDIS_REST_URL: "https://eu1.upstash.io" })).toEqual([
      "UPSTASH_REDIS_REST_TOKEN is required when UPSTASH_REDIS_REST_URL is set",
    ]);
  });

  it("requires PAID_API_KEY in managed-only mode", () => {
    expect(problemsOf({ ...strong, PLATFORM_MODE: "managed-only" })).toEqual(["PAID_API_KEY is required when PLATFORM_MODE is managed-only"]);
  });
});

describe("configuration in development", () => {
  it("generates missing secrets with a warning instead of failing", () => {
    const warnings: string[] = [];
    const env = buildEnv({ NODE_ENV: "development" }, (m) => warnings.push(m));
    expect(env.JWT_SECRET).toHaveLength(64);
    expect(decodeKey32(env.API_KEY_ENCRYPTION_KEY)?.length).toBe(32);
    expect(warnings[0]).toContain("JWT_SECRET, API_KEY_ENCRYPTION_KEY, NEXTAUTH_SECRET not set");
  });

  it("still rejects a value that is set but invalid", () => {
    expect(problemsOf({ NODE_ENV: "development", JWT_SECRET: "weak-secret" })).toEqual(["JWT_SECRET must be at least 32 characters"]);
  });
});

describe("decodeKey32", () => {
  it("accepts 64 hex characters and 32-byte base64, nothing else", () => {
    expect(decodeKey32("00".repeat(32))?.length).toBe(32);
    expect(decodeKey32(Buffer.alloc(32, 7).toString("base64"))?.length).toBe(32);
    expect(decodeKey32(Buffer.alloc(31, 7).toString("base64"))).toBeNull();
    expect(decodeKey32("zz".repeat(32))).toBeNull();
  });
});
