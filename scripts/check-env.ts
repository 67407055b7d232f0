/**
 * The container's first step (`node check-env.mjs && node server.js`): the image is
 * built without production secrets, so the configuration is validated here, at start,
 * and a bad or missing value stops the container with the variable's name.
 * Bundled to .next/standalone/check-env.mjs by scripts/prepare-standalone.ts.
 */
import { buildEnv, EnvValidationError } from "../src/env/build-env";

try {
  const env = buildEnv(process.env);
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message: "configuration valid", nodeEnv: env.NODE_ENV }));
} catch (error) {
  const problems = error instanceof EnvValidationError ? error.problems : [error instanceof Error ? error.message : String(error)];
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message: "invalid configuration", problems }));
  process.exit(1);
}
