import { tsImport } from "tsx/esm/api";

// Validate the environment at build and start: a bad value fails with the variable's name.
await tsImport("./src/env/index.ts", import.meta.url);

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "ioredis", "ioredis-mock", "pg", "@node-rs/argon2"],
  // Types are checked once by `npm run typecheck` (part of `npm test` and the Vercel build command).
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
