import pg from "pg";
import { pgConfigFromUrl } from "../../src/server/db/pg-config";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** Tests create and drop databases: they refuse anything but a server on this machine. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!LOCAL_HOSTS.has(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}). Point DATABASE_URL at a local PostgreSQL.`);
  }
}

export async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(pgConfigFromUrl(serverUrl));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A brand-new empty database on the given server; returns its URL and a drop function. */
export async function createScratchDatabase(serverUrl: string, label: string) {
  assertLocal(serverUrl);
  const name = `po_${label}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  return {
    url: databaseUrlFor(serverUrl, name),
    drop: () => withAdminClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
