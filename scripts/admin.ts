/**
 * Operator command line: `npm run admin -- <command> [--flags]`.
 *   tenant:create --name <name> --email <owner email> [--plan free|starter|pro] [--password <pw>]
 *   apikey:create --tenant <tenant id> [--kind secret|publishable] [--name <label>]
 *   apikey:revoke --id <api key id>
 *   plan:set --tenant <tenant id> --plan free|starter|pro
 *   backup:verify [--out <dump file>] [--file <dump file>]   (pg_dump/pg_restore on PATH)
 * Uses DATABASE_URL, or the embedded database of a running `npm run dev` (.data/database-url).
 */
import "./server-only/register.mjs";
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const FILE = ".data/database-url";
if (!process.env.DATABASE_URL && existsSync(FILE)) process.env.DATABASE_URL = readFileSync(FILE, "utf8").trim();

const USAGE = `usage: npm run admin -- <tenant:create|apikey:create|apikey:revoke|plan:set|backup:verify> [--flags]
  tenant:create --name <name> --email <email> [--plan free|starter|pro] [--password <pw>]
  apikey:create --tenant <id> [--kind secret|publishable] [--name <label>]
  apikey:revoke --id <key id>
  plan:set --tenant <id> --plan free|starter|pro
  backup:verify [--out <file>]   dump (pg_dump -Fc, kept at --out), restore into a scratch database, compare row counts
  backup:verify --file <file>    restore an existing dump into a scratch database and show its row counts`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      email: { type: "string" },
      plan: { type: "string" },
      password: { type: "string" },
      tenant: { type: "string" },
      kind: { type: "string" },
      id: { type: "string" },
      json: { type: "boolean" },
      file: { type: "string" },
      out: { type: "string" },
    },
  });
  const command = positionals[0];
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  if (!process.env.DATABASE_URL) {
    console.error("DATABASE_URL is not set and no running `npm run dev` was found (.data/database-url).");
    return 2;
  }
  const { env } = await import("../src/env");
  const { getDb } = await import("../src/server/db");
  const admin = await import("../src/server/admin/admin-commands");
  const { ZPlan } = await import("../src/server/admin/plans");
  const db = getDb();
  const print = (data: Record<string, unknown>) =>
    console.log(
      values.json
        ? JSON.stringify(data)
        : Object.entries(data)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join("\n"),
    );
  try {
    switch (command) {
      case "tenant:create": {
        const parsed = admin.ZTenantCreate.safeParse({ name: values.name, email: values.email, plan: values.plan, password: values.password });
        if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
        print(await admin.adminCreateTenant(db, env, parsed.data));
        break;
      }
      case "apikey:create": {
        if (!values.tenant) throw new Error("--tenant is required");
        const kind = values.kind ?? "secret";
        if (kind !== "secret" && kind !== "publishable") throw new Error("--kind must be secret or publishable");
        const key = await admin.adminCreateApiKey(db, values.tenant, kind, values.name ?? `${kind} key (admin CLI, ${new Date().toISOString()})`);
        print({ id: key.id, kind: key.kind, key: key.key });
        break;
      }
      case "apikey:revoke": {
        if (!values.id) throw new Error("--id is required");
        print(await admin.adminRevokeApiKey(db, values.id));
        break;
      }
      case "plan:set": {
        if (!values.tenant) throw new Error("--tenant is required");
        const plan = ZPlan.safeParse(values.plan);
        if (!plan.success) throw new Error("--plan must be one of free, starter, pro");
        print(await admin.adminSetPlan(db, env, values.tenant, plan.data));
        break;
      }
      case "backup:verify": {
        const { verifyBackup } = await import("../src/server/admin/backup-verify");
        const result = await verifyBackup(process.env.DATABASE_URL, { file: values.file, keepDumpAt: values.out });
        if (values.json) console.log(JSON.stringify(result));
        else {
          for (const t of result.tables)
            console.log(`${t.table.padEnd(28)} ${String(t.source).padStart(10)} ${String(t.restored ?? "missing").padStart(10)}`);
          for (const p of result.problems) console.error(`problem: ${p}`);
          console.log(result.ok ? `backup verified (${result.mode}${result.dumpFile ? `, dump at ${result.dumpFile}` : ""})` : "backup NOT verified");
        }
        return result.ok ? 0 : 1;
      }
      default:
        console.error(`unknown command "${command}"\n${USAGE}`);
        return 2;
    }
    return 0;
  } catch (error) {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
