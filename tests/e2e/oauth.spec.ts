import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { serverDatabaseUrl } from "./support/admin";

/**
 * Sign-in with GitHub and Google in a real browser, against the local OAuth 2 /
 * OpenID provider playwright.config starts (tests/e2e/support/oauth-server.ts):
 * the full redirect, code exchange (PKCE for Google, an RS256 id_token), account linking.
 */

const oauthUrl = () => `http://localhost:${process.env.E2E_OAUTH_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1}`;

async function providerWillSignIn(who: { provider: "github" | "google"; id: string; email: string; verified: boolean; name: string }) {
  const res = await fetch(`${oauthUrl()}/__identity`, { method: "POST", body: new URLSearchParams({ ...who, verified: String(who.verified) }) });
  expect(res.status).toBe(200);
}

async function query<T extends object>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function continueWith(page: Page, provider: "GitHub" | "Google") {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Continue with ${provider}` }).click();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL("**/sign-in");
}

test("GitHub: the first sign-in creates the user and a workspace, the next one finds them through the accounts table", async ({ page }) => {
  const id = String(100_000 + Math.floor(Math.random() * 1e6));
  const email = `octo-${randomUUID().slice(0, 8)}@e2e.test`;
  await providerWillSignIn({ provider: "github", id, email, verified: true, name: "Octo Tester" });

  await continueWith(page, "GitHub");
  await page.waitForURL("**/experiments");
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${email} · owner`);
  await expect(page.getByTestId("workspace-name")).toHaveText("Octo Tester's workspace");

  const rows = await query<{ user_id: string; provider_account_id: string; memberships: string }>(
    `SELECT a.user_id, a.provider_account_id, (SELECT count(*) FROM memberships m WHERE m.user_id = u.id)::text AS memberships
       FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = $1`,
    [email],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ provider_account_id: id, memberships: "1" });
  expect(rows[0]?.user_id).toMatch(/^[0-9a-f-]{36}$/);

  // Signed out (which revokes the session) and back in: the same user, no second workspace.
  await signOut(page);
  await continueWith(page, "GitHub");
  await page.waitForURL("**/experiments");
  await expect(page.getByTestId("workspace-name")).toHaveText("Octo Tester's workspace");
  const again = await query<{ n: string }>("SELECT count(*)::text AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", [
    email,
  ]);
  expect(again).toEqual([{ n: "1" }]);
});

test("Google: a verified email that already has a password account is linked to it", async ({ page }) => {
  const email = `linked-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Pat Password");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByLabel("Company or workspace name").fill("Pat's shop");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/onboarding");
  await signOut(page);

  const sub = `google-${randomUUID()}`;
  await providerWillSignIn({ provider: "google", id: sub, email: email.toUpperCase(), verified: true, name: "Pat on Google" });
  await continueWith(page, "Google");
  await page.waitForURL("**/experiments");
  await expect(page.getByTestId("workspace-name")).toHaveText("Pat's shop");
  const accounts = await query<{ provider: string; provider_account_id: string }>(
    "SELECT a.provider, a.provider_account_id FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = $1",
    [email],
  );
  expect(accounts).toEqual([{ provider: "google", provider_account_id: sub }]);
});

test("an unverified email is refused with a reason, and nothing is linked", async ({ page }) => {
  const id = String(200_000 + Math.floor(Math.random() * 1e6));
  const email = `unverified-${randomUUID().slice(0, 8)}@e2e.test`;
  await providerWillSignIn({ provider: "github", id, email, verified: false, name: "Not Verified" });
  await continueWith(page, "GitHub");
  await page.waitForURL("**/sign-in?error=EMAIL_NOT_VERIFIED");
  await expect(page.locator(".status-line.error")).toContainText("no verified email address");
  expect(await query("SELECT 1 FROM accounts WHERE provider = 'github' AND provider_account_id = $1", [id])).toEqual([]);
  expect(await query("SELECT 1 FROM users WHERE email = $1", [email])).toEqual([]);
});
