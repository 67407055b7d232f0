import "server-only";
import type { QueryResultRow } from "pg";
import { type Db, sqlPool } from "./index";

// PGlite serves every connection from one backend, where a statement name
// prepared by one connection collides with the next; there, statements stay unnamed.
const sharesBackend = new WeakMap<Db, Promise<boolean>>();

function isSingleBackend(db: Db): Promise<boolean> {
  let known = sharesBackend.get(db);
  if (!known) {
    known = sqlPool(db)
      .query<{ version: string }>("SELECT version() AS version")
      .then((r) => (r.rows[0]?.version ?? "").includes("PGlite"));
    sharesBackend.set(db, known);
    // A failed probe (database down at that moment) must not be remembered:
    // the next statement asks again instead of failing until a restart.
    known.catch(() => {
      if (sharesBackend.get(db) === known) sharesBackend.delete(db);
    });
  }
  return known;
}

/**
 * One statement of the hot path on the pg pool. On PostgreSQL it is a named
 * (prepared) statement, parsed and planned once per connection: about twice the
 * throughput of an unnamed one for assign's and track's statements.
 */
export async function hotQuery<R extends QueryResultRow>(db: Db, name: string, text: string, values: unknown[]) {
  const named = !(await isSingleBackend(db));
  return sqlPool(db).query<R>(named ? { name, text, values } : { text, values });
}
