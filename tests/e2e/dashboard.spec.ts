import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { type Browser, expect, type Page, test } from "@playwright/test";
import { createPricingClient } from "../../src/client";

const SHOTS = "test-results/screenshots";
const PASSWORD = "correct-horse-battery";

// Conversion probability by price: the cheapest converts most, the dearest least.
const CONVERSION_RATE: Record<string, number> = { "24.00": 0.12, "19.00": 0.16, "29.00": 0.07 };

async function signUp(page: Page, label: string): Promise<string> {
  const email = `${label}-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill(`${label} owner`);
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Company or workspace name").fill(`${label} shop`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/onboarding");
  return email;
}

async function freshPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

/** A deterministic stand-in for Math.random, so the counts are the same on every run. */
function uniform(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

test.describe.serial("dashboard", () => {
  let experimentUrl = "";
  let experimentId = "";
  let ownerPage: Page;

  test("sign up, onboard a three-price experiment, start it, and read its results", async ({ browser, baseURL }) => {
    test.setTimeout(240_000);
    mkdirSync(SHOTS, { recursive: true });
    const { page } = await freshPage(browser, baseURL);
    ownerPage = page;
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signUp(page, "owner");

    // Step 1: validation as the user types, then the basics.
    await page.getByLabel("Experiment key").fill("Not A Slug");
    await expect(page.getByText("must be a slug")).toBeVisible();
    await page.getByLabel("Experiment name").fill("Pro plan price");
    await page.getByLabel("Experiment key").fill("pro-plan-price");
    await expect(page.getByText("must be a slug")).toHaveCount(0);
    await page.getByRole("button", { name: "Next: prices" }).click();

    // Step 2: three prices, the first is the control.
    await page.getByLabel("Price 1 (USD)").fill("24");
    await page.getByLabel("Label 2").fill("Lower");
    await page.getByLabel("Price 2 (USD)").fill("19.5x");
    await expect(page.getByText("must be a non-negative amount with at most two decimals")).toBeVisible();
    await page.getByLabel("Price 2 (USD)").fill("19");
    await page.getByRole("button", { name: "Add a price" }).click();
    await page.getByLabel("Label 3").fill("Higher");
    await page.getByLabel("Price 3 (USD)").fill("29");
    await page.getByRole("button", { name: "Next: decision" }).click();

    // Step 3: how it decides; the defaults (sequential, 5%, no cap, fixed split) are kept.
    await expect(page.getByRole("radio", { name: /Sequential/ })).toBeChecked();
    await expect(page.getByLabel("Minimum detectable effect (%)")).toHaveValue("5");
    await page.getByRole("button", { name: "Create experiment" }).click();

    // Step 4: the snippet with a fresh publishable key filled in.
    const snippet = page.getByTestId("install-snippet");
    await expect(snippet).toContainText(/po_pk_[A-Za-z0-9]{32}/);
    await expect(snippet).toContainText("createPricingClient");
    await page.screenshot({ path: `${SHOTS}/onboarding.png`, fullPage: true });
    const publishableKey = /po_pk_[A-Za-z0-9]{32}/.exec((await snippet.textContent()) ?? "")?.[0];
    expect(publishableKey).toBeTruthy();

    await page.getByRole("button", { name: "Start the experiment now" }).click();
    await expect(page.getByText("Running: new visitors now get one of the prices.")).toBeVisible();

    // 500 visitors through the public typed client, in batches.
    const client = createPricingClient({ baseUrl: baseURL ?? "http://localhost:3100", apiKey: publishableKey ?? "" });
    const expected = { visitors: 0, buyers: 0 };
    for (let start = 0; start < 500; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async (_, j) => {
          const i = start + j;
          const visitorId = `e2e-visitor-${i}`;
          const offer = await client.assignment.assign.mutate({ experimentKey: "pro-plan-price", visitorId });
          expect(offer.inExperiment).toBe(true);
          expected.visitors += 1;
          if (uniform(i) < (CONVERSION_RATE[offer.price] ?? 0)) {
            expected.buyers += 1;
            await client.events.track.mutate({ experimentKey: "pro-plan-price", visitorId, type: "conversion", revenue: offer.price });
          }
        }),
      );
    }

    await page.getByRole("link", { name: "Open the experiment" }).click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/);
    experimentUrl = new URL(page.url()).pathname;
    experimentId = experimentUrl.split("/").at(-1) ?? "";
    await expect(page.getByTestId("total-visitors")).toHaveText("500", { timeout: 20_000 });
    await expect(page.getByTestId("total-buyers")).toHaveText(expected.buyers.toLocaleString("en-US"));
    await expect(page.getByTestId("results-chart").locator("svg")).toHaveCount(2);
    await expect(page.getByTestId("decision").getByRole("heading")).not.toBeEmpty();
    await expect(page.getByTestId("recommended-price").or(page.getByTestId("no-recommendation"))).toBeVisible();
    await expect(page.getByTestId("decision-progress")).toBeVisible();
    await expect(page.getByRole("img", { name: "Cumulative visitors over time" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Start" })).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/experiment.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/experiment-phone.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });

    // The list shows it with its visitors.
    await page.goto("/experiments");
    await expect(page.getByRole("row", { name: /Pro plan price/ })).toContainText("500", { timeout: 15_000 });

    // Signed in, the sign-in page moves on; a foreign callback is not followed.
    await page.goto("/sign-in?callbackUrl=%2F%5Cevil.example");
    await expect(page).toHaveURL(/\/experiments$/);
    expect(errors).toEqual([]);
  });

  test("a member invited by the owner sees the experiment but cannot start or edit it", async ({ browser, baseURL }) => {
    test.setTimeout(120_000);
    expect(experimentId).not.toBe("");
    const page = ownerPage;
    await page.goto("/members");
    const memberEmail = `member-${randomUUID().slice(0, 8)}@e2e.test`;
    await page.getByLabel("Email", { exact: true }).fill(memberEmail);
    await page.getByLabel("Role", { exact: true }).selectOption("member");
    await page.getByRole("button", { name: "Invite" }).click();
    const link = (await page.getByTestId("invitation-link").locator("code").textContent()) ?? "";
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);

    const member = await freshPage(browser, baseURL);
    await member.page.goto(new URL(link).pathname);
    await expect(member.page.getByRole("heading", { name: /Join owner shop/ })).toBeVisible();
    await member.page.getByLabel("Your name").fill("Mia Member");
    await member.page.getByLabel("Password").fill(PASSWORD);
    await member.page.getByRole("button", { name: "Join workspace" }).click();
    await member.page.waitForURL("**/experiments");

    await member.page.goto(experimentUrl);
    await expect(member.page.getByTestId("total-visitors")).toHaveText("500");
    await expect(member.page.getByText("View only")).toBeVisible();
    await expect(member.page.getByRole("link", { name: "New experiment" })).toHaveCount(0);
    await expect(member.page.getByRole("button", { name: /^(Start|Pause|Archive|Complete…)$/ })).toHaveCount(0);
    await expect(member.page.getByRole("button", { name: "Save weights" })).toHaveCount(0);

    // The server refuses even when the buttons are bypassed.
    const pause = await member.context.request.post("/api/trpc/experiments.pause", { data: { json: { id: experimentId } } });
    expect(pause.status()).toBe(403);
    const edit = await member.context.request.post("/api/trpc/settings.update", { data: { json: { name: "hijacked" } } });
    expect(edit.status()).toBe(403);
    await member.context.close();
  });

  test("another tenant cannot open the experiment by its URL", async ({ browser, baseURL }) => {
    test.setTimeout(60_000);
    expect(experimentId).not.toBe("");
    const other = await freshPage(browser, baseURL);
    await signUp(other.page, "rival");
    await other.page.goto(experimentUrl);
    await expect(other.page.getByRole("heading", { name: "Experiment not found" })).toBeVisible();
    await expect(other.page.getByText("Pro plan price")).toHaveCount(0);
    const input = encodeURIComponent(JSON.stringify({ json: { id: experimentId } }));
    const res = await other.context.request.get(`/api/trpc/experiments.get?input=${input}`);
    expect(res.status()).toBe(404);
    await other.context.close();
  });
});
