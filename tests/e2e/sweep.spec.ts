import { type Browser, expect, type Page, test } from "@playwright/test";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../src/server/seed/seed-demo";

/**
 * Every page at a desktop and a phone width: no horizontal page overflow, no table
 * hiding columns behind an inner scroll, the navigation on screen, no console error
 * and no failed request.
 */

const WIDTHS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

const DASHBOARD = ["/experiments", "/onboarding", "/api-keys", "/members", "/settings", "/webhooks", "/audit", "/billing"];
const PUBLIC = ["/", "/demo", "/sign-in", "/sign-up"];

interface Problems {
  console: string[];
  failed: string[];
}

function watch(page: Page): Problems {
  const problems: Problems = { console: [], failed: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.console.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.console.push(`${page.url()}: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Leaving a page cancels its pending fetches (Next's prefetches among them): not a failure.
    if (r.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText ?? "failed"}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.failed.push(`${r.request().method()} ${r.url()}: ${r.status()}`);
  });
  return problems;
}

async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const viewport = window.innerWidth;
    const doc = document.documentElement.scrollWidth;
    if (doc > viewport) {
      const wide = [...document.querySelectorAll<HTMLElement>("body *")]
        .filter((el) => el.getBoundingClientRect().right > viewport + 1)
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`);
      out.push(`page is ${doc}px wide in a ${viewport}px viewport (${wide.join(", ")})`);
    }
    for (const wrap of document.querySelectorAll<HTMLElement>(".table-wrap")) {
      if (wrap.scrollWidth > wrap.clientWidth + 1)
        out.push(`a table hides ${wrap.scrollWidth - wrap.clientWidth}px of columns behind an inner scroll`);
    }
    for (const link of document.querySelectorAll<HTMLElement>("nav[aria-label=Dashboard] a")) {
      const box = link.getBoundingClientRect();
      if (box.right > viewport + 1 || box.left < -1) out.push(`navigation link "${link.textContent}" is off screen`);
    }
    return out;
  });
}

async function sweep(page: Page, paths: string[], width: number) {
  const problems = watch(page);
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Let client components settle (queries resolve, charts draw) before measuring.
    await expect(page.getByRole("status").filter({ hasText: /^Loading|^Computing/ })).toHaveCount(0);
    expect(await layoutProblems(page), `${path} at ${width}px`).toEqual([]);
  }
  expect(problems.console, `console errors at ${width}px`).toEqual([]);
  expect(problems.failed, `failed requests at ${width}px`).toEqual([]);
}

async function signedIn(browser: Browser, baseURL: string | undefined, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL("**/experiments");
  return { context, page };
}

for (const size of WIDTHS) {
  test(`every dashboard page at ${size.width}px: no overflow, console error or failed request`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000);
    const { context, page } = await signedIn(browser, baseURL, size);
    const links = await page.locator("table a[href^='/experiments/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(links.length).toBeGreaterThan(0);
    await sweep(page, [...DASHBOARD, ...links], size.width);
    await context.close();
  });

  test(`the public pages at ${size.width}px: no overflow, console error or failed request`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: size });
    await sweep(await context.newPage(), PUBLIC, size.width);
    await context.close();
  });
}
