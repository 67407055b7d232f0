import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

/** The database the server under test uses: DATABASE_URL, or the launcher's embedded one. */
export function serverDatabaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = ".data/e2e/database-url";
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  throw new Error("No DATABASE_URL and no .data/e2e/database-url: is the e2e web server running?");
}

/** Runs the operator CLI exactly as a self-hoster would, and returns its JSON answer. */
export function adminCli(...args: string[]): Record<string, string> {
  const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/admin.ts", ...args, "--json"], {
    env: { ...process.env, DATABASE_URL: serverDatabaseUrl() },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const line = out.trim().split("\n").at(-1) ?? "{}";
  return JSON.parse(line) as Record<string, string>;
}
