import { execFileSync } from "node:child_process";
import { tsImport } from "tsx/esm/api";

/**
 * A clean git checkout builds with the id `git-<commit>`, so `npm run test:resilience`
 * can tell that an existing .next was built from exactly this source and reuse it.
 * Anything else (uncommitted changes, no git) keeps Next's random id: never reused.
 */
function sourceBuildId() {
  try {
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=normal"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    if (dirty.trim() !== "") return null;
    return `git-${execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim()}`;
  } catch {
    return null;
  }
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "ioredis", "ioredis-mock", "pg", "@node-rs/argon2", "prom-client"],
  // Types are checked once by `npm run typecheck` (part of `npm test` and the Vercel build command).
  typescript: { ignoreBuildErrors: true },
  generateBuildId: async () => sourceBuildId(),
};

export default async function config(phase) {
  // Next sets NEXT_PHASE itself only after loading this file; the environment
  // rules need it now (a build needs no DATABASE_URL, a production start does).
  if (phase === "phase-production-build") process.env.NEXT_PHASE = phase;
  // Validate the environment at build and start: a bad value fails with the variable's name.
  // (src/env/index.ts does the same but is marked server-only, which Node alone cannot load.)
  const { buildEnv } = await tsImport("./src/env/build-env.ts", import.meta.url);
  const env = buildEnv(process.env);
  const { securityHeaders, originOf } = await tsImport("./src/server/lib/security-headers.ts", import.meta.url);
  // Headers are fixed at build time (routes manifest): a production build gets HSTS.
  const headers = securityHeaders({ production: env.NODE_ENV === "production", apiOrigin: originOf(env.NEXT_PUBLIC_API_URL) });
  // BUILD_STANDALONE=1 (`npm run build:standalone`, the Dockerfile) adds .next/standalone; the
  // default build stays as `next start` (npm start, the end-to-end tests) expects it.
  const output = env.BUILD_STANDALONE === "1" ? { output: "standalone" } : {};
  return { ...nextConfig, ...output, headers: async () => [{ source: "/:path*", headers }] };
}
