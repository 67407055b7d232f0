import { expect, test } from "@playwright/test";

test("the home page renders its headline and links in a real browser", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto("/");
  await expect(page).toHaveTitle("Pricing Optimizer");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Find the price that earns the most.");
  await expect(page.getByRole("link", { name: "Try the demo storefront" })).toHaveAttribute("href", "/demo");
  expect(errors).toEqual([]);
});

test("the production build answers /api/health and /api/ready", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  const body = (await health.json()) as Record<string, string>;
  expect(Object.keys(body).sort()).toEqual(["status", "timestamp", "version"]);
  expect(body.status).toBe("ok");
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(((await ready.json()) as { status: string }).status).toBe("ready");
});
