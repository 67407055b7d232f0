import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { counterTotals, log } from "@/server/lib/logger";
import { cacheLookupTotals } from "./cache-stats";
import { type DependencySources, type OutboxStats, outboxStats, poolStats } from "./dependency-stats";

/** Everything /api/metrics exposes. */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<"procedure" | "type">;
  requestErrors: Counter<"procedure" | "code" | "status" | "app_code">;
}

// Fail-open counters of src/server/lib/logger.ts that have a metric of their own.
const REDIS_FALLBACKS: Record<string, string> = { redis_failures: "failure", redis_skipped: "skipped" };

function mirror(counter: Counter<string>, rows: { labels: Record<string, string>; value: number }[]): void {
  counter.reset();
  for (const row of rows) counter.inc(row.labels, row.value);
}

export function createMetrics(sources: DependencySources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "pricing_" });
  const registers = [registry];

  const requestDuration = new Histogram({
    name: "pricing_request_duration_seconds",
    help: "Time spent in a tRPC procedure (also when reached through /api/v1), by procedure; _count is the request volume.",
    labelNames: ["procedure", "type"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const requestErrors = new Counter({
    name: "pricing_request_errors_total",
    help: "Procedure calls that ended in an error, by tRPC code, HTTP status and the service's appCode.",
    labelNames: ["procedure", "code", "status", "app_code"] as const,
    registers,
  });

  new Counter({
    name: "pricing_redis_fallbacks_total",
    help: "Redis operations answered without Redis: failure = Redis failed, skipped = breaker open after a failure.",
    labelNames: ["kind"] as const,
    registers,
    collect() {
      mirror(
        this,
        counterTotals().flatMap(([name, value]) => (REDIS_FALLBACKS[name] ? [{ labels: { kind: REDIS_FALLBACKS[name] }, value }] : [])),
      );
    },
  });
  new Counter({
    name: "pricing_fail_open_total",
    help: "Other failures the app survived by design (e.g. auth_limit.local_fallback), by name.",
    labelNames: ["name"] as const,
    registers,
    collect() {
      mirror(
        this,
        counterTotals().flatMap(([name, value]) => (REDIS_FALLBACKS[name] ? [] : [{ labels: { name }, value }])),
      );
    },
  });
  new Counter({
    name: "pricing_cache_lookups_total",
    help: "Cache lookups of experiment configuration and assignments, by layer (local = in process, redis) and result.",
    labelNames: ["cache", "layer", "result"] as const,
    registers,
    collect() {
      mirror(
        this,
        cacheLookupTotals().map(({ value, ...labels }) => ({ labels, value })),
      );
    },
  });

  // The pool and the outbox are read when scraped, never on the request path.
  new Gauge({
    name: "pricing_db_pool_connections",
    help: "Connections of this instance's PostgreSQL pool: active (checked out), idle, waiting (requests queued for one), max.",
    labelNames: ["state"] as const,
    registers,
    collect() {
      this.reset();
      const stats = poolStats(sources.db());
      if (!stats) return;
      this.set({ state: "active" }, stats.total - stats.idle);
      this.set({ state: "idle" }, stats.idle);
      this.set({ state: "waiting" }, stats.waiting);
      this.set({ state: "max" }, stats.max);
    },
  });

  // The outbox gauges share one query per scrape: a registry collects all metrics in
  // the same tick, so they all find the query still in flight.
  let inFlight: Promise<OutboxStats | null> | null = null;
  const readOutbox = () => {
    const db = sources.db();
    if (!db) return Promise.resolve(null);
    inFlight ??= outboxStats(db)
      .catch((error: unknown) => {
        log("warn", "metrics: outbox not readable", { error: error instanceof Error ? error.message : String(error) });
        return null;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  new Gauge({
    name: "pricing_outbox_pending",
    help: "Outbox messages not yet delivered (webhooks, provider signals), all topics.",
    registers,
    async collect() {
      const stats = await readOutbox();
      if (stats) this.set(stats.pending);
      else this.reset();
    },
  });
  new Gauge({
    name: "pricing_outbox_oldest_age_seconds",
    help: "Age of the oldest undelivered outbox message; 0 when the outbox is empty.",
    registers,
    async collect() {
      const stats = await readOutbox();
      if (stats) this.set(stats.oldestAgeSeconds);
      else this.reset();
    },
  });
  new Gauge({
    name: "pricing_outbox_pending_by_topic",
    help: "Outbox messages not yet delivered, by topic.",
    labelNames: ["topic"] as const,
    registers,
    async collect() {
      const stats = await readOutbox();
      this.reset();
      for (const row of stats?.byTopic ?? []) this.set({ topic: row.topic }, row.pending);
    },
  });

  return { registry, requestDuration, requestErrors };
}
