import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { authOptions } from "../../src/server/auth/options";
import { getDb } from "../../src/server/db";

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

// next-auth keeps the configured authorize function in the provider's options.
function credentialsAuthorize(): Authorize {
  const provider = authOptions.providers.find((p) => p.id === "credentials");
  const options: unknown = provider && "options" in provider ? provider.options : undefined;
  const authorize: unknown = options && typeof options === "object" ? Reflect.get(options, "authorize") : undefined;
  if (typeof authorize !== "function") throw new Error("credentials provider not configured");
  return (credentials, req) => Promise.resolve(authorize(credentials, req));
}

describe("credentials sign-in", () => {
  const suffix = Math.random().toString(36).slice(2, 10);
  const headers = { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 200)}` };

  it("signs in with the right password and answers a wrong password and an unknown email alike", async () => {
    const email = `signin-${suffix}@test.local`;
    const user = await getDb().user.create({ data: { email, passwordHash: await hash("correct horse battery") } });
    const authorize = credentialsAuthorize();
    expect(await authorize({ email, password: "correct horse battery" }, { headers })).toMatchObject({ id: user.id, email });
    expect(await authorize({ email, password: "wrong password" }, { headers })).toBeNull();
    expect(await authorize({ email: `nobody-${suffix}@test.local`, password: "wrong password" }, { headers })).toBeNull();
  });

  // One browser (next-auth's CSRF cookie names it when no proxy address is trusted).
  const browser = () => ({ cookie: `next-auth.csrf-token=${randomUUID()}%7C${randomUUID()}` });

  it("refuses the 11th attempt from one client for one email within the window, even with the right password", async () => {
    const email = `limited-${suffix}@test.local`;
    await getDb().user.create({ data: { email, passwordHash: await hash("right password!") } });
    const authorize = credentialsAuthorize();
    const guesser = browser();
    for (let i = 0; i < 10; i++) expect(await authorize({ email, password: `guess-${i}` }, { headers: guesser })).toBeNull();
    await expect(authorize({ email, password: "right password!" }, { headers: guesser })).rejects.toThrow("TooManyAttempts");
  });

  // Before: 10 wrong passwords for an email, from anywhere, locked its owner out for 15 minutes.
  it("does not let wrong passwords from someone else lock the real owner out", async () => {
    const email = `owner-${suffix}@test.local`;
    const user = await getDb().user.create({ data: { email, passwordHash: await hash("owner password!") } });
    const authorize = credentialsAuthorize();
    const attacker = browser();
    for (let i = 0; i < 12; i++) await authorize({ email, password: `guess-${i}` }, { headers: attacker }).catch(() => null);
    // Rotating X-Forwarded-For gives the attacker nothing: no proxy is trusted here.
    for (let i = 0; i < 12; i++) {
      await authorize({ email, password: `guess-${i}` }, { headers: { "x-forwarded-for": `198.51.100.${i}` } }).catch(() => null);
    }
    expect(await authorize({ email, password: "owner password!" }, { headers: browser() })).toMatchObject({ id: user.id });
  });

  it("once the per-email budget is spent, still lets in a client that signed in to it before", async () => {
    const { SIGN_IN_LIMITS } = await import("../../src/server/auth/sign-in-limit");
    const email = `known-${suffix}@test.local`;
    const user = await getDb().user.create({ data: { email, passwordHash: await hash("owner password!") } });
    const authorize = credentialsAuthorize();
    const ownersBrowser = browser();
    expect(await authorize({ email, password: "owner password!" }, { headers: ownersBrowser })).toMatchObject({ id: user.id });
    // Guesses from everywhere (a fresh client each time) use up the email's daily budget.
    for (let i = 0; i < SIGN_IN_LIMITS.email.tokens; i++)
      await authorize({ email, password: `guess-${i}` }, { headers: browser() }).catch(() => null);
    await expect(authorize({ email, password: "owner password!" }, { headers: browser() })).rejects.toThrow("TooManyAttempts");
    expect(await authorize({ email, password: "owner password!" }, { headers: ownersBrowser })).toMatchObject({ id: user.id });
  });
});
