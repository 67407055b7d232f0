import { randomUUID } from "node:crypto";
import { expect, type Page, test } from "@playwright/test";

const PASSWORD = "correct-horse-battery";

async function signUp(page: Page, email: string, workspace: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Forms owner");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByLabel("Company or workspace name").fill(workspace);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/onboarding");
}

async function createExperiment(page: Page, name: string, prices: string[]) {
  await page.goto("/onboarding");
  await page.getByLabel("Experiment name").fill(name);
  await page.getByRole("button", { name: "Next: prices" }).click();
  for (const [i, price] of prices.entries()) {
    if (i >= 2) await page.getByRole("button", { name: "Add a price" }).click();
    await page.getByLabel(`Price ${i + 1} (USD)`).fill(price);
  }
  await page.getByRole("button", { name: "Next: decision" }).click();
  await page.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByTestId("install-snippet")).toBeVisible();
}

test.describe.serial("dashboard forms", () => {
  let page: Page;
  const email = `a-rather-long-address-for-the-sidebar-${randomUUID().slice(0, 8)}@subdomain.example-company.test`;

  test.beforeAll(async ({ browser, baseURL }) => {
    page = await (await browser.newContext({ baseURL })).newPage();
    await signUp(page, email, "Forms shop");
  });

  test("the wizard refuses a repeated price and offers the install command; a second run makes no second key", async () => {
    await page.getByLabel("Experiment name").fill("Twin prices");
    await page.getByRole("button", { name: "Next: prices" }).click();
    await page.getByLabel("Price 1 (USD)").fill("19");
    await page.getByLabel("Price 2 (USD)").fill("19.00");
    await page.getByRole("button", { name: "Next: decision" }).click();
    await expect(page.getByText("is the same as price 1 (19.00); each price is tested once")).toBeVisible();
    await expect(page.getByRole("button", { name: "Create experiment" })).toHaveCount(0);
    await page.getByLabel("Price 2 (USD)").fill("24");
    await page.getByRole("button", { name: "Next: decision" }).click();
    await page.getByRole("button", { name: "Create experiment" }).click();
    await expect(page.getByTestId("install-snippet")).toContainText(/po_pk_[A-Za-z0-9]{32}/);
    const origin = new URL(page.url()).origin;
    await expect(page.getByTestId("install-command")).toHaveText(`npm install ${origin}/client/pricing-optimizer-0.1.0.tgz`);
    await page.getByRole("button", { name: "Start the experiment now" }).click();
    await expect(page.getByText("Running: new visitors now get one of the prices.")).toBeVisible();

    await createExperiment(page, "Second test", ["29", "39"]);
    await expect(page.getByTestId("existing-publishable-key")).toContainText("Website");
    await expect(page.getByTestId("install-snippet")).not.toContainText(/po_pk_[A-Za-z0-9]{32}/);
    await page.goto("/api-keys");
    await expect(page.getByRole("row").filter({ hasText: "publishable" })).toHaveCount(1);
  });

  test("a taken API key name is said once, at the field, without a raw prefix", async () => {
    await page.goto("/api-keys");
    await page.getByLabel("Name").fill("Website");
    await page.getByRole("button", { name: "Create key" }).click();
    const message = "an active key is already named “Website”; choose another name or revoke that key.";
    await expect(page.getByText(message, { exact: true })).toHaveCount(1);
    await expect(page.getByText(/name: an active key/)).toHaveCount(0);
    await expect(page.getByRole("row").filter({ hasText: "Website" })).toHaveCount(1);
  });

  test("settings name every bad origin, and a new workspace name shows in the sidebar at once", async () => {
    await page.goto("/settings");
    await page.getByLabel("Allowed origins").fill("https://shop.example\nnot-an-origin\nftp://files.example");
    await page.getByRole("button", { name: /^Save/ }).click();
    const originError = page
      .locator(".field")
      .filter({ has: page.getByLabel("Allowed origins") })
      .locator(".field-error");
    await expect(originError).toContainText("not-an-origin");
    await expect(originError).toContainText("ftp://files.example");

    await page.getByLabel("Allowed origins").fill("https://shop.example");
    await page.getByLabel("Workspace name").fill("Renamed shop");
    await page.getByRole("button", { name: /^Save/ }).click();
    await expect(page.getByText("Settings saved.")).toBeVisible();
    await expect(page.getByTestId("workspace-name")).toHaveText("Renamed shop");
  });

  test("a refused role change is said in that member's row", async () => {
    await page.goto("/members");
    await page.getByLabel(`Role of ${email}`).selectOption("member");
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row.getByTestId("member-row-error")).toHaveText("A tenant keeps at least one owner; make someone else owner first.");
    await expect(page.getByText(/role: a tenant keeps/)).toHaveCount(0);
    await expect(page.getByText("A tenant keeps at least one owner", { exact: false })).toHaveCount(1);
  });

  test("the long email stays inside the sidebar", async () => {
    await page.goto("/experiments");
    const fits = await page.getByTestId("signed-in-as").evaluate((el) => {
      const nav = el.closest("nav")?.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return nav !== undefined && box.right <= nav.right + 0.5 && el.scrollWidth <= el.clientWidth + 0.5;
    });
    expect(fits).toBe(true);
  });

  test("the experiments list asks for one summary, not full results per row", async () => {
    const calls: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/trpc/")) calls.push(new URL(r.url()).pathname);
    });
    await page.goto("/experiments");
    await page.getByLabel("Status").selectOption("draft");
    await page.getByLabel("Status").selectOption("");
    await expect(page.getByRole("row", { name: /Second test/ })).toBeVisible();
    expect(calls.join(" ")).toContain("experiments.summaries");
    expect(calls.join(" ")).not.toContain("experiments.results");
  });
});
