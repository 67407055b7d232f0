import { randomBytes } from "node:crypto";
import { createEnv } from "@t3-oss/env-nextjs";
import type { z } from "zod";
import { clientSchema, crossFieldProblems, serverSchema } from "./schema";

export type RawEnv = Record<string, string | undefined>;

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "EnvValidationError";
  }
}

const GENERATED = ["JWT_SECRET", "API_KEY_ENCRYPTION_KEY", "NEXTAUTH_SECRET"] as const;

// Outside production a missing secret is replaced by a random one so that a fresh
// clone runs; the launcher persists them under .data/ so they survive restarts.
function withDevelopmentSecrets(raw: RawEnv, warn: (msg: string) => void): RawEnv {
  const filled: RawEnv = { ...raw };
  const generated: string[] = [];
  for (const name of GENERATED) {
    if (filled[name]) continue;
    filled[name] = randomBytes(32).toString("hex");
    generated.push(name);
  }
  if (generated.length > 0) {
    warn(`[env] ${generated.join(", ")} not set: using random development values (never do this in production)`);
  }
  return filled;
}

export function buildEnv(raw: RawEnv, warn: (msg: string) => void = console.warn) {
  const isProduction = raw.NODE_ENV === "production";
  const source = isProduction ? raw : withDevelopmentSecrets(raw, warn);
  const server = serverSchema();
  type Key = keyof typeof server | keyof typeof clientSchema;
  const keys = [...Object.keys(server), ...Object.keys(clientSchema)] as Key[];
  const runtimeEnv = Object.fromEntries(keys.map((k) => [k, source[k]])) as Record<Key, string | undefined>;
  const env = createEnv({
    server,
    client: clientSchema,
    runtimeEnv,
    emptyStringAsUndefined: true,
    onValidationError: (issues) => {
      throw new EnvValidationError(
        issues.map((issue) => {
          const name = issue.path?.map((p) => (typeof p === "object" ? String(p.key) : String(p))).join(".") ?? "";
          return issue.message.includes(name) || !name ? issue.message : `${name}: ${issue.message}`;
        }),
      );
    },
  });
  const problems = crossFieldProblems(env, { building: raw.NEXT_PHASE === "phase-production-build" });
  if (problems.length > 0) throw new EnvValidationError(problems);
  // createEnv's inferred type degrades with zod 4 schemas built by a function; restate it.
  return env as Env;
}

type Schemas = ReturnType<typeof serverSchema> & typeof clientSchema;
export type Env = Readonly<{ [K in keyof Schemas]: z.output<Schemas[K]> }>;
