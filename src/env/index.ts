import "server-only";
import { buildEnv } from "./build-env";

/** The validated configuration. The only place that reads process.env for app settings. */
export const env = buildEnv(process.env);
export type { Env } from "./build-env";
