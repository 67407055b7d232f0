import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { authOptions } from "../../src/server/auth/options";
import { freePort } from "../../src/server/db/embedded-postgres";
import { getDb } from "../../src/server/db";
import { counterValue } from "../../src/server/lib/logger";
import { connectRedisUrl } from "../../src/server/redis";
import { callTrpc } from "../helpers/trpc-http";

// Redis is down for this whole file (it runs in its own process): the process's one
// Redis client points at a port nothing listens on.
(globalThis as { __poRedis?: unknown }).__poRedis = connectRedisUrl(`redis://127.0.0.1:${await freePort()}`);

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

function credentialsAuthorize(): Authorize {
  const provider = authOptions.providers.find((p) => p.id === "credentials");
  const options: unknown = provider && "options" in provider ? provider.options : undefined;
  const authorize: unknown = options && typeof options === "object" ? Reflect.get(options, "authorize") : undefined;
  if (typeof authorize !== "function") throw new Error("credentials provider not configured");
  return (credentials, req) => Promise.resolve(authorize(credentials, req));
}

describe("sign-in and sign-up limits with Redis down", () => {
  it("keep counting in process instead of letting every guess through, and say so", async () => {
    const email = `down-${randomUUID().slice(0, 8)}@test.local`;
    await getDb().user.create({ data: { email, passwordHash: await hash("right password!") } });
    const authorize = credentialsAuthorize();
    const guesser = { cookie: `next-auth.csrf-token=${randomUUID()}`, "x-forwarded-for": "203.0.113.9" };
    for (let i = 0; i < 10; i++) expect(await authorize({ email, password: `guess-${i}` }, { headers: guesser })).toBeNull();
    await expect(authorize({ email, password: "right password!" }, { headers: guesser })).rejects.toThrow("TooManyAttempts");
    expect(counterValue("auth_limit.local_fallback")).toBeGreaterThan(0);
  });

  it("still refuse the 6th sign-up for one email", async () => {
    const email = `down-signup-${randomUUID().slice(0, 8)}@test.local`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await callTrpc("auth.signUp", { name: "Down", email, password: "a-long-password" })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
