/**
 * `import "server-only"` marks the modules that must never reach a browser bundle: the package
 * throws unless it is resolved with the "react-server" condition, which Next.js applies to server
 * code (and a client component importing it fails the build). Scripts that Node runs directly
 * (launch, admin, bench, the resilience runner) are server code too: importing this module first
 * adds a resolve hook that applies that condition to the `server-only` package alone, so React and
 * every other package resolve exactly as before (node's --conditions=react-server would switch React
 * to its server build). Hooks only apply to modules resolved after this one ran, so such a script
 * imports the server modules dynamically (they already do, to set the environment first).
 * vitest.config.ts aliases the package to the same empty module.
 */
import { register } from "node:module";

register("./hooks.mjs", import.meta.url);
