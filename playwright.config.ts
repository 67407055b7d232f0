import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { OAUTH_CLIENTS } from "./tests/e2e/support/oauth-clients";

// E2E_PORT lets a second suite run beside the main one (which uses 3100).
const PORT = Number(process.env.E2E_PORT ?? 3100);
// The local Stripe the billing flow pays on (tests/helpers/fake-stripe.ts).
const STRIPE_PORT = Number(process.env.E2E_STRIPE_PORT ?? PORT + 11);
// A local OAuth 2 / OpenID provider (tests/e2e/support/oauth-server.ts) stands in for GitHub and Google.
const OAUTH_PORT = Number(process.env.E2E_OAUTH_PORT ?? PORT + 1);
const OAUTH_URL = `http://localhost:${OAUTH_PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

// The production build runs with fresh secrets; without DATABASE_URL the launcher
// serves an embedded PostgreSQL from .data/e2e, and without REDIS_URL an in-process
// store: both opted into, since a production start refuses them otherwise.
const secret = () => randomBytes(32).toString("hex");
// Set once in the runner, so the workers (which inherit its environment) can scrape /api/metrics too.
process.env.METRICS_TOKEN ??= secret();
const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  NEXT_TELEMETRY_DISABLED: "1",
  SEED_DEMO: "1",
  ALLOW_EMBEDDED_DATABASE: "1",
  ALLOW_IN_MEMORY_REDIS: "1",
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  JWT_SECRET: process.env.JWT_SECRET ?? secret(),
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? secret(),
  API_KEY_ENCRYPTION_KEY: process.env.API_KEY_ENCRYPTION_KEY ?? secret(),
  CRON_SECRET: process.env.CRON_SECRET ?? secret(),
  METRICS_TOKEN: process.env.METRICS_TOKEN,
  // The specs drive hundreds of simulated visitors through one free tenant's key at once: a load
  // generator, not a storefront. The limiter is tested against real Redis in tests/integration.
  FREE_TIER_RATE_LIMIT: process.env.FREE_TIER_RATE_LIMIT ?? "100000",
  STRIPE_SECRET_KEY: "sk_test_e2e_local_fake",
  STRIPE_WEBHOOK_SECRET: `whsec_${secret()}`,
  STRIPE_PRICE_STARTER: "price_e2e_starter",
  STRIPE_PRICE_PRO: "price_e2e_pro",
  STRIPE_API_URL: `http://127.0.0.1:${STRIPE_PORT}`,
  GITHUB_ID: OAUTH_CLIENTS.github.id,
  GITHUB_SECRET: OAUTH_CLIENTS.github.secret,
  GITHUB_URL: OAUTH_URL,
  GITHUB_API_URL: OAUTH_URL,
  GOOGLE_CLIENT_ID: OAUTH_CLIENTS.google.id,
  GOOGLE_CLIENT_SECRET: OAUTH_CLIENTS.google.secret,
  GOOGLE_ISSUER: OAUTH_URL,
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
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: `node --import tsx tests/e2e/support/oauth-server.ts --port ${OAUTH_PORT}`,
      url: `${OAUTH_URL}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: "npm run build && node --import tsx scripts/launch.ts start --data-dir .data/e2e",
      url: `http://localhost:${PORT}/api/health`,
      timeout: 600_000,
      // E2E_REUSE_SERVER=1: test against a production build already started on E2E_PORT (while iterating).
      reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
      stdout: "pipe",
      stderr: "pipe",
      env: serverEnv,
    },
    {
      command: "node --import tsx tests/e2e/support/fake-stripe-server.ts",
      url: `http://127.0.0.1:${STRIPE_PORT}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        FAKE_STRIPE_PORT: String(STRIPE_PORT),
        FAKE_STRIPE_WEBHOOK_URL: `http://localhost:${PORT}/api/stripe/webhook`,
        STRIPE_WEBHOOK_SECRET: serverEnv.STRIPE_WEBHOOK_SECRET ?? "",
      },
    },
  ],
});
