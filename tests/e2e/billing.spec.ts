import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";

const PASSWORD = "correct-horse-battery";

// The app runs with STRIPE_API_URL pointing at the local fake Stripe (playwright.config.ts),
// whose hosted checkout sends the signed webhooks to the app, as Stripe would.
test("upgrade from the billing page through Stripe Checkout to the success page, and see the new plan", async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const email = `billing-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Billing owner");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Company or workspace name").fill("Billing shop");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/onboarding");

  await page.goto("/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Free");
  await expect(page.getByRole("button", { name: "Manage billing" })).toBeDisabled();
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();

  await page.waitForURL(/\/checkout\/cs_test_/);
  await expect(page.getByRole("heading", { name: "Fake Stripe Checkout" })).toBeVisible();
  await page.getByRole("button", { name: "Subscribe" }).click();

  await page.waitForURL(/\/billing\/success\?session_id=cs_test_/);
  await expect(page.getByTestId("new-plan")).toContainText("pro", { timeout: 20_000 });

  await page.goto("/billing");
  await expect(page.getByTestId("current-plan")).toHaveText("Pro");
  await expect(page.getByText("of 100,000 visitors tracked this month")).toBeVisible();
  await page.getByRole("button", { name: "Manage billing" }).click();
  await page.waitForURL(/\/portal\/cus_/);
  expect(errors).toEqual([]);
});
