import { describe, expect, it } from "vitest";
import { securityHeaders } from "../../src/server/lib/security-headers";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";
import { bearer, callTrpc, describeResponse, tenantSnapshot } from "../helpers/trpc-http";

// NEXTAUTH_URL is unset in tests: the app's origin is then http://localhost:$PORT.
const APP = "http://localhost:3000";

interface HeaderRule {
  source: string;
  headers: { key: string; value: string }[];
}

async function configuredHeaders(): Promise<HeaderRule[]> {
  // The real next.config.mjs, loaded by URL (it is plain JavaScript without types).
  const loaded: unknown = await import(new URL("../../next.config.mjs", import.meta.url).href);
  const config = (loaded as { default: (phase: string) => Promise<{ headers?: () => Promise<HeaderRule[]> }> }).default;
  const nextConfig = await config("phase-production-server");
  return (await nextConfig.headers?.()) ?? [];
}

describe("security headers", () => {
  it("are sent on every page and API route", async () => {
    const rules = await configuredHeaders();
    const all = rules.find((r) => r.source === "/:path*");
    const byName = new Map((all?.headers ?? []).map((h) => [h.key.toLowerCase(), h.value]));
    expect(byName.get("x-content-type-options")).toBe("nosniff");
    expect(byName.get("x-frame-options")).toBe("DENY");
    expect(byName.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const csp = byName.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toMatch(/script-src 'self' 'unsafe-inline'/);
    // The tests run with NODE_ENV=test: no HSTS outside production.
    expect(byName.has("strict-transport-security")).toBe(false);
  });

  it("pin HTTPS (HSTS) in production only, and never allow eval there", () => {
    const prod = new Map(securityHeaders({ production: true }).map((h) => [h.key, h.value]));
    expect(prod.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
    expect(prod.get("Content-Security-Policy")).not.toContain("unsafe-eval");
    const dev = new Map(securityHeaders({ production: false, apiOrigin: "https://api.example" }).map((h) => [h.key, h.value]));
    expect(dev.has("Strict-Transport-Security")).toBe(false);
    expect(dev.get("Content-Security-Policy")).toContain("connect-src 'self' https://api.example");
  });
});

describe("cookie-authenticated mutations from another site", () => {
  async function owner() {
    const { tenant, user } = await createTestTenant("csrf");
    return { tenant, cookie: await sessionCookie(user.id) };
  }

  it.each([
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["a look-alike Origin", { origin: "http://localhost:3000.evil.example" }],
    ["Origin: null (sandboxed frame)", { origin: "null" }],
    ["a foreign Referer and no Origin", { referer: "https://evil.example/page" }],
  ])("are refused with 403 CROSS_ORIGIN_REQUEST for %s, and write nothing", async (_label, extra) => {
    const { tenant, cookie } = await owner();
    const before = await tenantSnapshot(tenant.id);
    const r = await callTrpc("settings.update", { name: "hijacked" }, { cookie, ...extra });
    expect(r.status, describeResponse(r)).toBe(403);
    expect(r.error?.data.appCode).toBe("CROSS_ORIGIN_REQUEST");
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("are accepted from the app's own origin, and from a client that sends no Origin at all", async () => {
    const { cookie } = await owner();
    const own = await callTrpc("settings.update", { name: "renamed" }, { cookie, origin: APP });
    expect(own.status, describeResponse(own)).toBe(200);
    const sameHost = await callTrpc(
      "settings.update",
      { name: "renamed again" },
      { cookie, origin: "https://prices.example", host: "prices.example" },
    );
    expect(sameHost.status, describeResponse(sameHost)).toBe(200);
    const script = await callTrpc("settings.update", { name: "by a script" }, { cookie });
    expect(script.status, describeResponse(script)).toBe(200);
  });

  it("do not apply to queries, nor to API-key calls (no cookie authority)", async () => {
    const { tenant, cookie } = await owner();
    const q = await callTrpc("settings.get", undefined, { cookie, origin: "https://evil.example" });
    expect(q.status, describeResponse(q)).toBe(200);
    const sk = await createTestApiKey(tenant.id, "secret");
    const exp = await createPriceExperiment(tenant.id, { draft: true });
    const r = await callTrpc("experiments.start", { id: exp.id }, { ...bearer(sk), origin: "https://evil.example" });
    expect(r.status, describeResponse(r)).toBe(200);
  });
});

describe("publishable keys from a browser", () => {
  it("do not trust X-Forwarded-Host to decide that a foreign Origin is this app", async () => {
    const { tenant } = await createTestTenant("xfh");
    const exp = await createPriceExperiment(tenant.id);
    const pk = await createTestApiKey(tenant.id, "publishable");
    const input = { experimentKey: exp.key, visitorId: "v1" };
    const spoofed = await callTrpc("assignment.assign", input, { ...bearer(pk), origin: "https://evil.example", "x-forwarded-host": "evil.example" });
    expect(spoofed.status, describeResponse(spoofed)).toBe(403);
    const own = await callTrpc("assignment.assign", input, { ...bearer(pk), origin: APP });
    expect(own.status, describeResponse(own)).toBe(200);
  });
});
