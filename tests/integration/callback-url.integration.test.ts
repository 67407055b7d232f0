import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "../../src/server/auth/safe-callback";
import { getDb } from "../../src/server/db";
import { AUTH_BASE, CookieJar, signInWithPassword } from "../helpers/next-auth-http";

// What Next hands the sign-in page after decoding the query string, and what next-auth receives.
const FOREIGN = [
  "/\t/evil.example", // %09: browsers drop the tab and go to //evil.example
  "/\n/evil.example", // %0a: a newline in Location made a 500
  "/\r/evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/.//evil.example", // dot segments collapse into //evil.example
  "https://evil.example/experiments",
  "http://localhost:3000.evil.example/experiments", // a look-alike host
  "http://localhost:3000@evil.example/",
  "javascript:alert(1)",
  "data:text/html,hi",
  " /experiments",
  "/experiments\u2028",
  "not a url at all",
];

describe("the callback URL after sign-in", () => {
  it.each(FOREIGN)("refuses %j", (value) => {
    expect(safeCallbackPath(value, AUTH_BASE)).toBeNull();
  });

  it("keeps this app's own pages, relative or absolute, with their query and fragment", () => {
    expect(safeCallbackPath("/experiments", AUTH_BASE)).toBe("/experiments");
    expect(safeCallbackPath("/invite/abc?x=1#top", AUTH_BASE)).toBe("/invite/abc?x=1#top");
    expect(safeCallbackPath(`${AUTH_BASE}/experiments/42`, AUTH_BASE)).toBe("/experiments/42");
    expect(safeCallbackPath("/a/../experiments", AUTH_BASE)).toBe("/experiments");
  });

  describe("through next-auth's sign-in", () => {
    async function signedInWithCallback(callbackUrl: string) {
      const email = `cb-${randomUUID().slice(0, 8)}@test.local`;
      await getDb().user.create({ data: { email, passwordHash: await hash("correct horse battery") } });
      const jar = new CookieJar();
      const res = await signInWithPassword(jar, email, "correct horse battery", { callbackUrl });
      return { res, jar };
    }

    it.each(FOREIGN)("sends %j home instead of following it", async (callbackUrl) => {
      const { res, jar } = await signedInWithCallback(callbackUrl);
      expect(jar.session).toBeTruthy();
      expect(res.redirect).toBe(AUTH_BASE);
      expect(jar.cookies.get("next-auth.callback-url")).toBe(AUTH_BASE);
    });

    it("follows a page of this app", async () => {
      const { res } = await signedInWithCallback("/experiments?tab=running");
      expect(res.redirect).toBe(`${AUTH_BASE}/experiments?tab=running`);
    });
  });
});
