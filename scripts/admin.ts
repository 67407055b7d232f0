/**
 * Operator command line: `npm run admin -- <command> [--flags]`.
 *   tenant:create --name <name> --email <owner email> [--plan free|starter|pro] [--password <pw>]
 *   apikey:create --tenant <tenant id> [--kind secret|publishable] [--name <label>]
 *   apikey:revoke --id <api key id>
 *   plan:set --tenant <tenant id> --plan free|starter|pro
 * Uses DATABASE_URL, or the embedded database of a running `npm run dev` (.data/database-url).
 */
import { existsSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const FILE = ".data/database-url";
if (!process.env.DATABASE_URL && existsSync(FILE)) process.env.DATABASE_URL = readFileSync(FILE, "utf8").trim();

const USAGE = `usage: npm run admin -- <tenant:create|apikey:create|apikey:revoke|plan:set> [--flags]
  tenant:create --name <name> --email <email> [--plan free|starter|pro] [--password <pw>]
  apikey:create --tenant <id> [--kind secret|publishable] [--name <label>]
  apikey:revoke --id <key id>
  plan:set --tenant <id> --plan free|starter|pro`;

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
    console.log(values.json ? JSON.stringify(data) : Object.entries(data).map(([k, v]) => `${k}: ${String(v)}`).join("\n"));
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

main().then((code) => process.exit(code));
