import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { verifyBackup } from "../../src/server/admin/backup-verify";
import { getDb } from "../../src/server/db";
import { createTestTenant } from "../helpers/fixtures";

const hasTools = spawnSync("pg_dump", ["--version"]).status === 0 && spawnSync("pg_restore", ["--version"]).status === 0;
// pg_dump needs a real PostgreSQL server (not the in-memory PGlite).
const runnable = hasTools && !inject("embedded");
if (!runnable) console.log("[tests] backup:verify: skipped (needs pg_dump/pg_restore and DATABASE_URL on a PostgreSQL server)");

describe.skipIf(!runnable)("npm run admin -- backup:verify", () => {
  it("dumps, restores into a scratch database and finds the same rows, while other tests write", async () => {
    const { tenant } = await createTestTenant("backup");
    const dir = mkdtempSync(path.join(tmpdir(), "po-backup-test-"));
    const result = await verifyBackup(inject("databaseUrl"), { keepDumpAt: path.join(dir, "db.dump") });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const tenants = result.tables.find((t) => t.table === "tenants");
    expect(tenants?.source).toBeGreaterThanOrEqual(1);
    expect(tenants?.restored).toBe(tenants?.source);
    expect(result.tables.map((t) => t.table)).toEqual(expect.arrayContaining(["_prisma_migrations", "audit_logs", "outbox", "experiments"]));
    // The kept dump restores on its own (--file), and the scratch databases are gone.
    const again = await verifyBackup(inject("databaseUrl"), { file: path.join(dir, "db.dump") });
    expect(again.ok).toBe(true);
    expect(again.tables.find((t) => t.table === "tenants")?.restored).toBeGreaterThanOrEqual(1);
    const prefix = `${new URL(inject("databaseUrl")).pathname.slice(1)}_restore_check_%`;
    const left = await getDb().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_database WHERE datname LIKE ${prefix}`;
    expect(Number(left[0]?.n)).toBe(0);
    await getDb().tenant.delete({ where: { id: tenant.id } });
  });

  it("fails on a file that is not a dump, through the CLI, with exit code 1", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "po-backup-bad-"));
    writeFileSync(path.join(dir, "bad.dump"), "not a dump");
    let status = 0;
    let output = "";
    try {
      execFileSync("npx", ["tsx", "scripts/admin.ts", "backup:verify", "--file", path.join(dir, "bad.dump")], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (error) {
      const e = error as { status: number; stderr: string; stdout: string };
      status = e.status;
      output = e.stderr + e.stdout;
    }
    expect(status).toBe(1);
    expect(output).toContain("pg_restore failed");
    expect(output).toContain("backup NOT verified");
  });
});
