import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { createPricingClient } from "../../src/client";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/server/seed/seed-demo";

const SHOTS = "test-results/screenshots";

async function signInAsDemo(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/experiments");
}

async function openExperiment(page: Page, name: string) {
  await page.goto("/experiments");
  await page.getByRole("link", { name }).click();
  await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("decision")).toBeVisible();
}

/** Nothing on the page is wider than the viewport (tables scroll inside their own box). */
async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: window.innerWidth,
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  expect(widths.body).toBeLessThanOrEqual(widths.viewport);
}

/** A deterministic stand-in for Math.random, so the counts are the same on every run. */
function uniform(i: number): number {
  const x = Math.sin(i * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}

test.describe("the demo tenant's experiments", () => {
  test("the completed experiment says what was shipped, and its demand curve stays within the tested prices", async ({ page }) => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signInAsDemo(page);
    await openExperiment(page, "Team plan monthly price");
    const decision = page.getByTestId("decision");
    await expect(decision.getByRole("heading")).toHaveText(/^Shipped \$35\.00 \(\$35\) on \d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await expect(decision).toContainText("Everyone now gets $35.00");
    await expect(page.getByTestId("revenue-cap")).toContainText(/Revenue per visitor capped at \$\d+\.\d{2} \(99th percentile of buyers\)/);
    await expect(decision.getByRole("button", { name: /^Ship/ })).toHaveCount(0);
    await expect(page.getByTestId("total-visitors")).toHaveText("30,000");

    // The curve is drawn across the tested prices only: the axis is labelled with exactly those.
    const chart = page.getByTestId("demand-curve-chart");
    await expect(chart).toHaveAttribute("data-min-price", "15");
    await expect(chart).toHaveAttribute("data-max-price", "55");
    await expect(chart.locator("text.x-tick")).toHaveText(["$15.00", "$35.00", "$55.00"]);
    await expect(chart.locator("g.tested-price")).toHaveCount(3);
    await expect(chart.getByTestId("recommended-band")).toHaveCount(1);
    const bounds = await chart.evaluate((figure) => {
      const axis = figure.querySelector<SVGLineElement>("[data-testid=price-axis]");
      const curves = [...figure.querySelectorAll<SVGPathElement>("path.curve")].map((p) => p.getBBox());
      return { x1: axis?.x1.baseVal.value ?? Number.NaN, x2: axis?.x2.baseVal.value ?? Number.NaN, curves: curves.map((b) => [b.x, b.x + b.width]) };
    });
    expect(bounds.curves).toHaveLength(2);
    for (const [left, right] of bounds.curves) {
      expect(left).toBeGreaterThanOrEqual(bounds.x1 - 0.5);
      expect(right).toBeLessThanOrEqual(bounds.x2 + 0.5);
    }
    await expect(page.getByTestId("recommended-price")).toContainText(/Recommended price for revenue: \$3\d\.\d{2}/);
    await expect(page.getByTestId("recommendation-basis")).toContainText("demand curve");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/demo-completed.png`, fullPage: true });
    expect(errors).toEqual([]);
  });

  test("the running experiment shows the call so far, what is still needed, and its weight periods; it fits a phone", async ({ page }) => {
    await signInAsDemo(page);
    await openExperiment(page, "Pro plan monthly price");
    const decision = page.getByTestId("decision");
    await expect(decision.getByRole("heading")).toContainText("Keep running");
    await expect(page.getByTestId("decision-progress")).toContainText(/Visitors still needed: about [\d,]+ \(all prices together\)/);
    await expect(page.getByTestId("decision-progress")).toContainText(/About [\d,]+ days? left at your current traffic/);
    await expect(page.getByTestId("decision-progress")).toContainText("Sequential: safe to check the results any time");
    const periods = page.getByTestId("weight-periods").getByRole("listitem");
    await expect(periods).toHaveCount(2);
    await expect(periods.first()).toContainText("Weights changed");
    await expect(periods.first()).toContainText("$24 (current) 50%");
    await expect(periods.last()).toContainText("Test started");
    await expect(page.getByTestId("visitors-control")).toContainText(/expected [\d,]+/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await expect(page.getByTestId("decision")).toBeVisible();
    await expect(page.getByTestId("demand-curve-chart")).toBeVisible();
    await expectNoHorizontalOverflow(page);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/demo-running-phone.png`, fullPage: true });
  });
});

test("an experiment in EUR: chosen in the wizard, decided, shipped from the decision card, and never shown in dollars", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const email = `eur-${randomUUID().slice(0, 8)}@e2e.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Euro owner");
  await page.getByLabel("Work email").fill(email);
  await page.getByLabel("Password").fill("correct-horse-battery");
  await page.getByLabel("Company or workspace name").fill("Euro shop");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL("**/onboarding");

  await page.getByLabel("Experiment name").fill("Annual plan price");
  await page.getByLabel("Currency").fill("EUR");
  await page.getByRole("button", { name: "Next: prices" }).click();
  await page.getByLabel("Label 1").fill("Ten");
  await page.getByLabel("Price 1 (EUR)").fill("10");
  await page.getByLabel("Label 2").fill("Twenty");
  await page.getByLabel("Price 2 (EUR)").fill("20");
  await page.getByRole("button", { name: "Next: decision" }).click();

  // The decision settings validate as the user types and name the field.
  await page.getByLabel("Minimum detectable effect (%)").fill("0.1");
  await expect(page.getByText("must be a percent between 0.5 and 100")).toBeVisible();
  await page.getByLabel("Minimum detectable effect (%)").fill("10");
  await expect(page.getByText("must be a percent between 0.5 and 100")).toHaveCount(0);
  await page.getByLabel("Traffic").selectOption("conversion");
  await expect(page.getByTestId("conversion-bandit-warning")).toContainText("moves traffic to the cheapest price by design");
  await page.getByLabel("Traffic").selectOption("split");
  await page.getByLabel("Revenue cap").selectOption("fixed");
  await page.getByLabel("Cap per visitor (EUR)").fill("-5");
  await expect(page.getByText("must be a non-negative amount").or(page.getByText("must be greater than 0"))).toBeVisible();
  await page.getByLabel("Cap per visitor (EUR)").fill("100");
  await page.getByRole("button", { name: "Create experiment" }).click();

  const snippet = page.getByTestId("install-snippet");
  await expect(snippet).toContainText(/po_pk_[A-Za-z0-9]{32}/);
  const publishableKey = /po_pk_[A-Za-z0-9]{32}/.exec((await snippet.textContent()) ?? "")?.[0] ?? "";

  // The draft says what starting will do.
  await page.getByRole("link", { name: "Open the experiment" }).click();
  await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/);
  const plan = page.getByTestId("decision-plan");
  await expect(plan).toContainText("Sequential: safe to check the results any time");
  await expect(plan).toContainText("at least 10.0%");
  await expect(plan).toContainText("Every price needs 30 buyers before any call");
  await expect(page.getByTestId("revenue-cap")).toContainText("Revenue per visitor capped at €100.00");
  // A draft's settings can still change; once started, they cannot.
  await page.getByLabel("Minimum detectable effect (%)").fill("8");
  await page.getByRole("button", { name: "Save decision settings" }).click();
  await expect(plan).toContainText("at least 8.0%");
  await page.getByRole("button", { name: "Start" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save decision settings" })).toHaveCount(0);

  // The dearer price sells four times as often: a clear winner within a few hundred visitors.
  const client = createPricingClient({ baseUrl: baseURL ?? "http://localhost:3100", apiKey: publishableKey });
  const rate: Record<string, number> = { "10.00": 0.1, "20.00": 0.45 };
  for (let start = 0; start < 800; start += 50) {
    await Promise.all(
      Array.from({ length: 50 }, async (_, j) => {
        const visitorId = `eur-visitor-${start + j}`;
        const offer = await client.assignment.assign.mutate({ experimentKey: "annual-plan-price", visitorId });
        if (uniform(start + j) < (rate[offer.price] ?? 0)) {
          await client.events.track.mutate({ experimentKey: "annual-plan-price", visitorId, type: "conversion", revenue: offer.price });
        }
      }),
    );
  }

  await page.reload();
  const decision = page.getByTestId("decision");
  await expect(decision.getByRole("heading")).toContainText("Ship €20.00", { timeout: 20_000 });
  await expect(page.getByTestId("total-visitors")).toHaveText("800");
  const text = (await page.locator("main").textContent()) ?? "";
  expect(text).toContain("€");
  expect(text).not.toContain("$");

  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/eur-ship.png`, fullPage: true });
  await decision.getByRole("button", { name: "Ship €20.00" }).click();
  const winner = page.getByLabel("Winning price (everyone gets it from now on)");
  await expect(winner).toBeVisible();
  await expect(winner).toBeFocused();
  await expect(winner.locator("option:checked")).toHaveText("Twenty (20.00 EUR)");
  await page.getByRole("button", { name: "Complete experiment" }).click();
  await expect(decision.getByRole("heading")).toHaveText(/^Shipped €20\.00 \(Twenty\) on /, { timeout: 20_000 });
});
