/**
 * After `BUILD_STANDALONE=1 next build`: completes .next/standalone into a directory
 * that runs with `node check-env.mjs && node server.js` and nothing else (the Docker
 * image copies it as is): static assets, public files and the bundled start check.
 */
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const out = path.join(root, ".next", "standalone");
if (!existsSync(path.join(out, "server.js"))) {
  console.error("no .next/standalone/server.js: run `BUILD_STANDALONE=1 next build` first (npm run build:standalone)");
  process.exit(1);
}
cpSync(path.join(root, ".next", "static"), path.join(out, ".next", "static"), { recursive: true });
cpSync(path.join(root, "public"), path.join(out, "public"), { recursive: true });
await build({
  entryPoints: [path.join(root, "scripts", "check-env.ts")],
  outfile: path.join(out, "check-env.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
console.log(`[standalone] ready: cd ${path.relative(root, out)} && node check-env.mjs && node server.js`);
