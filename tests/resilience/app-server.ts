import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sleep } from "./http";

const root = process.cwd();

function git(args: string[]): string | null {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * The existing .next is reused only when it was built from exactly this source:
 * next.config.mjs names a clean checkout's build `git-<commit>`, and the tree is still clean.
 */
export function reusableBuild(): { reuse: boolean; why: string } {
  const head = git(["rev-parse", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--untracked-files=normal"]);
  const idFile = path.join(root, ".next", "BUILD_ID");
  const buildId = existsSync(idFile) ? readFileSync(idFile, "utf8").trim() : null;
  if (!head || dirty === null) return { reuse: false, why: "no git checkout" };
  if (dirty !== "") return { reuse: false, why: "uncommitted changes" };
  if (buildId !== `git-${head}`) return { reuse: false, why: buildId ? `.next is from another source (${buildId.slice(0, 16)})` : "no .next build" };
  if (!existsSync(path.join(root, ".next", "required-server-files.json"))) return { reuse: false, why: "incomplete .next" };
  return { reuse: true, why: `.next built from ${head.slice(0, 12)}` };
}

export function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (${code}):\n${out.slice(-4000)}`))));
  });
}

export interface AppServer {
  base: string;
  stop(): Promise<void>;
}

/** `node --import tsx scripts/launch.ts start` (migrations, then next start) on its own port. */
export async function startServer(port: number, env: Record<string, string>, logFile: string): Promise<AppServer> {
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/launch.ts", "start"], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within 180 s; see ${logFile}`);
    await sleep(300);
  }
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(force);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}
