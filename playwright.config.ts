import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Several suites may run on one machine at once: E2E_PORT picks a free port.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// The production build runs with fresh secrets; without DATABASE_URL the launcher
// serves an embedded PostgreSQL from .data/e2e.
const secret = () => randomBytes(32).toString("hex");
const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  NEXT_TELEMETRY_DISABLED: "1",
  SEED_DEMO: "1",
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  JWT_SECRET: process.env.JWT_SECRET ?? secret(),
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
  API_KEY_ENCRYPTION_KEY: process.env.API_KEY_ENCRYPTION_KEY ?? secret(),
  CRON_SECRET: process.env.CRON_SECRET ?? secret(),
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: chromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    command: "npm run build && node --import tsx scripts/launch.ts start --data-dir .data/e2e",
    url: `http://localhost:${PORT}/api/health`,
    timeout: 600_000,
    // E2E_REUSE_SERVER=1: test against a production build already started on E2E_PORT (while iterating).
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: serverEnv,
  },
});
