import { expect, test } from "@playwright/test";
// The client's source; the packaged build, installed outside the repository, is tested in client-package.spec.ts.
import { createPricingClient, TRPCClientError } from "../../src/client";
import { adminCli } from "./support/admin";

test.describe("pricing-optimizer/client against the running server", () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  let secretKey = "";
  let tenantId = "";

  test.beforeAll(() => {
    const created = adminCli("tenant:create", "--name", `Typed Client ${suffix}`, "--email", `typed-${suffix}@e2e.local`);
    secretKey = created.secretKey ?? "";
    tenantId = created.tenantId ?? "";
    expect(secretKey).toMatch(/^po_sk_/);
  });

  test("creates and starts an experiment, assigns stickily and tracks a conversion", async ({ baseURL }) => {
    const client = createPricingClient({ baseUrl: baseURL ?? "", apiKey: secretKey });
    const exp = await client.experiments.create.mutate({
      key: "checkout-price",
      name: "Checkout price",
      currency: "EUR",
      variants: [
        { key: "a", name: "€9", price: "9.00", weight: 1, isControl: true },
        { key: "b", name: "€12", price: 12, weight: 1 },
      ],
    });
    expect(exp.variants.map((v) => v.price)).toEqual(["9.00", "12.00"]);
    await client.experiments.start.mutate({ id: exp.id });

    const first = await client.assignment.assign.mutate({ experimentKey: "checkout-price", visitorId: "visitor-1" });
    const again = await client.assignment.assign.mutate({ experimentKey: "checkout-price", visitorId: "visitor-1" });
    expect(first).toMatchObject({ experimentKey: "checkout-price", currency: "EUR", inExperiment: true });
    expect(again.variantKey).toBe(first.variantKey);
    expect(again.reason).toBe("returning");

    const tracked = await client.events.track.mutate({
      experimentKey: "checkout-price",
      visitorId: "visitor-1",
      type: "conversion",
      revenue: first.price,
    });
    expect(tracked).toMatchObject({ counted: true, variantKey: first.variantKey });

    const many = await client.assignment.assignMany.mutate({ visitorId: "visitor-1", experimentKeys: ["checkout-price", "no-such-test"] });
    expect(many.results.map((r) => r.ok)).toEqual([true, false]);
  });

  test("writes last_used_at after the response (Next's after()), never inline on the request", async ({ baseURL, request }) => {
    // A new key: its first use always writes last_used_at.
    const key = adminCli("apikey:create", "--tenant", tenantId, "--name", `after ${suffix}`).key ?? "";
    const client = createPricingClient({ baseUrl: baseURL ?? "", apiKey: key });
    expect(await client.experiments.list.query({})).toHaveProperty("items");
    const scrape = await request.get("/api/metrics", { headers: { authorization: `Bearer ${process.env.METRICS_TOKEN ?? ""}` } });
    expect(scrape.status()).toBe(200);
    const text = await scrape.text();
    expect(text).toContain("pricing_request_duration_seconds");
    // The counter appears once any task ran inline (outside a request scope): never on this server.
    expect(text).not.toContain('name="after_response.inline"');
  });

  test("answers typed errors with the field named", async ({ baseURL }) => {
    const client = createPricingClient({ baseUrl: baseURL ?? "", apiKey: secretKey });
    const error = await client.assignment.assign.mutate({ experimentKey: "checkout-price", visitorId: "" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as InstanceType<typeof TRPCClientError>).data?.code).toBe("BAD_REQUEST");
    expect((error as Error).message).toContain("visitorId");
  });

  test("serves the same calls over REST, described at /api/openapi.json", async ({ request }) => {
    const doc = await request.get("/api/openapi.json");
    expect(doc.status()).toBe(200);
    const paths = Object.keys(((await doc.json()) as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(["/assign", "/track", "/experiments"]));
    const res = await request.post("/api/v1/assign", {
      headers: { authorization: `Bearer ${secretKey}` },
      data: { experimentKey: "checkout-price", visitorId: "rest-visitor" },
    });
    expect(res.status()).toBe(200);
    expect(await res.json()).toMatchObject({ experimentKey: "checkout-price", currency: "EUR", inExperiment: true });
  });

  test("lets a publishable key in from the tenant's origins only", async ({ baseURL, request }) => {
    const pk = adminCli("apikey:create", "--tenant", tenantId, "--kind", "publishable").key ?? "";
    const foreign = await request.post("/api/v1/assign", {
      headers: { authorization: `Bearer ${pk}`, origin: "https://evil.example" },
      data: { experimentKey: "checkout-price", visitorId: "x" },
    });
    expect(foreign.status()).toBe(403);
    expect(JSON.stringify(await foreign.json())).toContain("Origin https://evil.example is not allowed");
    const preflight = await request.fetch("/api/trpc/assignment.assign", { method: "OPTIONS", headers: { origin: "https://shop.example" } });
    expect(preflight.status()).toBe(204);
    expect(preflight.headers()["access-control-allow-headers"]).toContain("authorization");
    // Same-origin browser calls (the storefront on this host) are allowed.
    const client = createPricingClient({ baseUrl: baseURL ?? "", apiKey: pk, headers: { origin: baseURL ?? "" } });
    expect((await client.assignment.assign.mutate({ experimentKey: "checkout-price", visitorId: "same-origin" })).inExperiment).toBe(true);
    // A publishable key may not manage experiments.
    await expect(client.experiments.list.query({})).rejects.toThrow(/publishable key may only assign and track/);
  });
});
