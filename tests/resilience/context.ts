import type pg from "pg";
import type { Checks } from "./check";
import type { PrivatePostgres } from "./private-postgres";
import type { PrivateRedis } from "./private-redis";

export interface Experiment {
  id: string;
  key: string;
  /** Variant keys in order, with their weights. */
  variants: { key: string; weight: number }[];
}

/** What every phase of the suite works with. */
export interface SuiteContext {
  base: string;
  seed: number;
  concurrency: number;
  /** Headers of a publishable key, a secret key and the owner's session. */
  pk: Record<string, string>;
  sk: Record<string, string>;
  session: Record<string, string>;
  tenantId: string;
  sql: pg.Pool;
  pg: PrivatePostgres;
  redis: PrivateRedis;
  checks: Checks;
  report: Report;
  timeouts: { connectMs: number; queryMs: number };
  experiments: { conversions: Experiment; split: Experiment; traffic: Experiment; draft: Experiment };
  /** Puts an experiment's configuration into Redis the way the server caches it. */
  cacheConfig(key: string): Promise<void>;
}

export interface Report {
  cases: { name: string; requests: number }[];
  faults: string[];
  recoveries: { fault: string; seconds: number }[];
  totals: string[];
}

export const newReport = (): Report => ({ cases: [], faults: [], recoveries: [], totals: [] });
