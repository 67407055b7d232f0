import "server-only";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { pgConfigFromUrl } from "@/server/db/pg-config";

const run = promisify(execFile);

export interface TableCount {
  table: string;
  source: number;
  restored: number | null;
}

export interface BackupVerification {
  ok: boolean;
  /** "snapshot": the dump and the source counts come from one snapshot, so they must be equal. */
  mode: "snapshot" | "file";
  dumpFile: string | null;
  tables: TableCount[];
  problems: string[];
}

/** pg_dump/pg_restore read the connection from libpq's variables: no password on a command line. */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const c = pgConfigFromUrl(url);
  const sslmode = new URL(url).searchParams.get("sslmode");
  return {
    ...process.env,
    PGHOST: String(c.host),
    PGPORT: String(c.port),
    PGUSER: String(c.user),
    PGPASSWORD: String(c.password ?? ""),
    PGDATABASE: String(c.database),
    ...(sslmode ? { PGSSLMODE: sslmode } : {}),
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(url));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function countRows(client: pg.ClientBase): Promise<Map<string, number>> {
  const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts = new Map<string, number>();
  for (const { name } of rows) {
    const r = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quote(name)}`);
    counts.set(name, Number(r.rows[0]?.n ?? 0));
  }
  return counts;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Proves a backup restores: dumps the database (pg_dump -Fc) from an exported snapshot
 * while counting every table in that same snapshot, restores the dump into a scratch
 * database on the same server, counts again and drops the scratch database. With
 * `file`, restores that dump instead; the live counts are then shown beside it (they
 * may have moved on), and only a failed restore or a missing table fails.
 */
export async function verifyBackup(databaseUrl: string, opts: { file?: string; keepDumpAt?: string } = {}): Promise<BackupVerification> {
  const workDir = mkdtempSync(path.join(tmpdir(), "po-backup-"));
  const dumpFile = opts.file ?? opts.keepDumpAt ?? path.join(workDir, "backup.dump");
  const scratch = `${String(pgConfigFromUrl(databaseUrl).database)}_restore_check_${randomBytes(4).toString("hex")}`.slice(0, 63);
  const problems: string[] = [];
  let source: Map<string, number>;
  try {
    if (opts.file) {
      source = await withClient(databaseUrl, countRows);
    } else {
      source = await withClient(databaseUrl, async (client) => {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        const { rows } = await client.query<{ id: string }>("SELECT pg_export_snapshot() AS id");
        const counts = await countRows(client);
        // The snapshot lives as long as this transaction: pg_dump sees exactly what was counted.
        await run("pg_dump", ["-Fc", "--no-owner", "--no-acl", `--snapshot=${rows[0]?.id ?? ""}`, "-f", dumpFile], { env: libpqEnv(databaseUrl) });
        await client.query("COMMIT");
        return counts;
      });
    }
    await withClient(databaseUrl, (c) => c.query(`CREATE DATABASE ${quote(scratch)}`));
    const scratchUrl = withDatabase(databaseUrl, scratch);
    try {
      await run("pg_restore", ["--no-owner", "--no-acl", "--exit-on-error", "-d", scratch, dumpFile], { env: libpqEnv(scratchUrl) });
    } catch (error) {
      problems.push(`pg_restore failed: ${(error as { stderr?: string }).stderr?.trim() || String(error)}`);
    }
    const restored = problems.length ? new Map<string, number>() : await withClient(scratchUrl, countRows);
    const tables: TableCount[] = [...source].map(([table, n]) => ({ table, source: n, restored: restored.get(table) ?? null }));
    for (const t of tables) {
      if (problems.length) break;
      if (t.restored === null) problems.push(`table ${t.table} is missing from the restored database`);
      else if (!opts.file && t.restored !== t.source) problems.push(`table ${t.table}: ${t.source} rows in the database, ${t.restored} restored`);
    }
    return { ok: problems.length === 0, mode: opts.file ? "file" : "snapshot", dumpFile: opts.file ?? opts.keepDumpAt ?? null, tables, problems };
  } finally {
    await withClient(databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quote(scratch)} WITH (FORCE)`)).catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}
