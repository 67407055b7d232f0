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

type ConnectCallback = (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: Error | boolean) => void) => void;

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
    this.on("release", (err: Error | undefined) => this.noteFailure(err));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    if (!this.opened) {
      // The usual case, under every statement: straight to the pool, watching for a silent server.
      if (!callback) return this.connectAndWatch();
      super.connect((err, client, done) => {
        this.noteFailure(err);
        callback(err, client, done);
      });
      return;
    }
    const acquired = this.afterProbe();
    if (!callback) return acquired;
    acquired.then(
      (client) => callback(undefined, client, (release) => client.release(release)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  /** With the gate shut: the pool's client if a probe is answered within WAIT_FOR_PROBE_MS, else the refusal. */
  private async afterProbe(): Promise<pg.PoolClient> {
    const open = this.opened && (await Promise.race([this.opened.then(() => true), pause(WAIT_FOR_PROBE_MS).then(() => false)]));
    if (open === false) {
      count("db_gate_refused");
      throw new Error(DATABASE_GATE_MESSAGE);
    }
    return this.connectAndWatch();
  }

  private async connectAndWatch(): Promise<pg.PoolClient> {
    try {
      return await super.connect();
    } catch (error) {
      this.noteFailure(error);
      throw error;
    }
  }

  private noteFailure(error: unknown): void {
    if (error instanceof Error && SILENT_SERVER.test(error.message)) this.shutGate(error.message);
  }

  private shutGate(reason: string): void {
    if (this.opened || this.ending) return;
    count("db_gate_shut");
    log("warn", "database gate shut: refusing statements until PostgreSQL answers a probe", { reason });
    // Whatever ends the probing (an answer, the pool ending, an unexpected throw) opens the gate.
    this.opened = this.probeUntilAnswered()
      .catch(() => undefined)
      .then(() => {
        this.opened = null;
        if (!this.ending) log("info", "database gate open: PostgreSQL answered the probe");
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
