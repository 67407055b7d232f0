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
  // One purchase per visitor: Buy is done, and a click cannot record a second one.
  await expect(page.getByRole("button", { name: "Bought" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Buy" })).toHaveCount(0);
  await page.getByRole("button", { name: "Be a new visitor" }).click();
  await expect(page.getByRole("button", { name: "Buy" })).toBeEnabled();
});
