import { expect, test } from "@playwright/test";

test("the demo storefront shows an assigned price and records a purchase", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Try the demo storefront" }).click();
  await expect(page).toHaveURL(/\/demo$/);
  const price = page.getByTestId("price");
  await expect(price).toHaveText(/^\$(19|24|29)\.00/);
  const first = await price.textContent();
  // Sticky: a reload keeps the price.
  await page.reload();
  await expect(page.getByTestId("price")).toHaveText(first ?? "");
  await page.getByRole("button", { name: "Buy" }).click();
  await expect(page.getByRole("status")).toContainText("Thanks! Purchase at");
});
