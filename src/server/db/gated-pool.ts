import "server-only";
import pg from "pg";
import { count, log } from "@/server/lib/logger";

/** The message of the error a statement gets while the gate is shut; `isDatabaseUnavailable` knows it. */
export const DATABASE_GATE_MESSAGE = "PostgreSQL stopped answering; statements are refused until it answers a probe";

// Errors that mean the server took a connection or a statement and said nothing until the
// client's own limit: frozen, overloaded past the limit, or the network gone. A refused
// connection or a statement the server cancelled is not one of them (those answer fast).
const SILENT_SERVER = /^(Query read timeout|Connection terminated due to connection timeout)$/;

/** How long a statement that finds the gate shut waits for the probe before it is refused. */
const WAIT_FOR_PROBE_MS = 200;
/** The pause between one failed probe and the next. */
const PROBE_INTERVAL_MS = 250;

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void;

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * A pg pool that stops waiting on a silent server. When a statement or a connection
 * times out, the gate shuts: every statement after it is refused within 200 ms (its
 * request answers 503 DATABASE_UNAVAILABLE, and a returning visitor is served from the
 * cache) instead of each one holding its request for the full timeout. While it is shut,
 * one probe at a time runs `SELECT 1`; the gate opens the moment one answers, and the
 * statements waiting on it go ahead.
 *
 * pg-pool's `query` acquires through `connect`, so Prisma's statements, its
 * transactions and the hot path's raw statements all pass the gate.
 */
export class GatedPool extends pg.Pool {
  private opened: Promise<void> | null = null;

  constructor(config: pg.PoolConfig) {
    super(config);
    this.on("release", (err: Error | undefined) => {
      if (err && SILENT_SERVER.test(err.message)) this.shutGate(err.message);
    });
  }

  /** True while statements are being refused. */
  get gateShut(): boolean {
    return this.opened !== null;
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release instanceof Error ? release : undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  private async acquire(): Promise<pg.PoolClient> {
    const opened = this.opened;
    if (opened) {
      const open = await Promise.race([opened.then(() => true), pause(WAIT_FOR_PROBE_MS).then(() => false)]);
      if (!open) {
        count("db_gate_refused");
        throw new Error(DATABASE_GATE_MESSAGE);
      }
    }
    return this.connectOrShut();
  }

  private async connectOrShut(): Promise<pg.PoolClient> {
    try {
      return await super.connect();
    } catch (error) {
      if (error instanceof Error && SILENT_SERVER.test(error.message)) this.shutGate(error.message);
      throw error;
    }
  }

  private shutGate(reason: string): void {
    if (this.opened || this.ending) return;
    count("db_gate_shut");
    log("warn", "database gate shut: refusing statements until PostgreSQL answers a probe", { reason });
    this.opened = this.probeUntilAnswered().then(() => {
      this.opened = null;
      log("info", "database gate open: PostgreSQL answered the probe");
    });
  }

  private async probeUntilAnswered(): Promise<void> {
    for (;;) {
      if (this.ending) return;
      try {
        const client = await super.connect();
        try {
          await client.query("SELECT 1");
          client.release();
          return;
        } catch (error) {
          client.release(error instanceof Error ? error : true);
        }
      } catch {
        // Not answering yet: try again after a pause.
      }
      await pause(PROBE_INTERVAL_MS);
    }
  }
}
