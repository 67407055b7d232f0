import { describe, expect, it } from "vitest";
import { assertWebhookUrlAllowed, guardedLookup, isForbiddenAddress } from "./url-guard";

describe("webhook URL guard", () => {
  it("knows private, loopback, link-local and reserved addresses in IPv4 and IPv6", () => {
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "172.31.255.255",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "not-an-ip",
    ]) {
      expect(isForbiddenAddress(ip), ip).toBe(true);
    }
    for (const ip of ["93.184.216.34", "172.32.0.1", "8.8.8.8", "2606:4700:4700::1111"]) expect(isForbiddenAddress(ip), ip).toBe(false);
  });

  it("refuses at save, in production, http and local or private hosts", () => {
    for (const url of [
      "http://hooks.example.com/x",
      "https://localhost/x",
      "https://127.0.0.1/x",
      "https://169.254.169.254/latest",
      "https://[::1]/x",
      "https://10.0.0.8/x",
      "https://db.internal/x",
      "https://localhost./x",
    ]) {
      expect(() => assertWebhookUrlAllowed(url, true), url).toThrow(/WEBHOOK|webhookUrl/);
    }
    expect(() => assertWebhookUrlAllowed("https://hooks.example.com/pricing", true)).not.toThrow();
    // Development and tests deliver to local receivers.
    expect(() => assertWebhookUrlAllowed("http://127.0.0.1:4000/x", false)).not.toThrow();
  });

  it("refuses a name that resolves to a loopback address, after resolution, in production", async () => {
    const resolve = (production: boolean) =>
      new Promise<string>((done) =>
        guardedLookup(production)("localhost", {}, (error, address) => done(error ? `error: ${error.message}` : String(address))),
      );
    expect(await resolve(true)).toMatch(/^error: localhost resolves to (127\.0\.0\.1|::1), a private/);
    expect(await resolve(false)).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
