/**
 * `npx tsx bench/gated-pool.ts`: what the database gate (src/server/db/gated-pool.ts) costs a
 * healthy server. The same prepared statement through a plain pg pool and through GatedPool,
 * 20 at a time, interleaved five times; prints the medians and their ratio (noise on a shared
 * machine is about ±15%, so only a ratio well under 1 means anything).
 * Uses DATABASE_URL (local servers only), defaulting to this machine's.
 */
import "../scripts/server-only/register.mjs";
import pg from "pg";

const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
if (!["127.0.0.1", "localhost", "::1"].includes(new URL(url).hostname)) throw new Error("refusing to benchmark against a non-local database");

async function main() {
  // After the hook above: the gate's module says import "server-only".
  const { GatedPool } = await import("../src/server/db/gated-pool");
  const options = { connectionString: url, max: 10, connectionTimeoutMillis: 3_000, query_timeout: 6_000 };
  const pools: Record<"plain" | "gated", pg.Pool> = { plain: new pg.Pool(options), gated: new GatedPool(options) };

  const perSecond = async (pool: pg.Pool, statements: number) => {
    const started = performance.now();
    let sent = 0;
    const worker = async () => {
      while (sent++ < statements) await pool.query({ name: "bench_gate", text: "SELECT $1::int AS x", values: [1] });
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    return (statements / (performance.now() - started)) * 1000;
  };

  for (const pool of Object.values(pools)) await perSecond(pool, 2_000);
  const runs = { plain: [] as number[], gated: [] as number[] };
  for (let round = 0; round < 5; round++) {
    runs.plain.push(await perSecond(pools.plain, 10_000));
    runs.gated.push(await perSecond(pools.gated, 10_000));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const plain = median(runs.plain);
  const gated = median(runs.gated);
  console.log(`plain pool ${plain.toFixed(0)} statements/s, gated pool ${gated.toFixed(0)} statements/s, ratio ${(gated / plain).toFixed(3)}`);
  await Promise.all(Object.values(pools).map((p) => p.end()));
}

void main();
