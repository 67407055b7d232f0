import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { env } from "../../src/env";
import { adminCreateTenant } from "../../src/server/admin/admin-commands";
import { getDb } from "../../src/server/db";
import { CookieJar, readSession, signInWithPassword, signOutSession } from "../helpers/next-auth-http";
import { callTrpc, describeResponse } from "../helpers/trpc-http";

const PASSWORD = "correct horse battery";

async function signedIn() {
  const email = `sess-${randomUUID().slice(0, 8)}@test.local`;
  const user = await getDb().user.create({ data: { email, passwordHash: await hash(PASSWORD) } });
  const jar = new CookieJar();
  await signInWithPassword(jar, email, PASSWORD);
  const session = jar.session;
  if (!session) throw new Error("sign-in did not set a session cookie");
  return { user, email, jar, cookie: `next-auth.session-token=${session}` };
}

const me = (cookie: string) => callTrpc("auth.me", undefined, { cookie });

describe("session revocation", () => {
  it("a session cookie replayed after sign-out no longer works", async () => {
    const { jar, cookie } = await signedIn();
    expect((await me(cookie)).status).toBe(200);
    await signOutSession(jar);
    expect(jar.session).toBeUndefined();
    // Someone who copied the cookie before the sign-out replays it.
    const replay = await me(cookie);
    expect(replay.status, describeResponse(replay)).toBe(401);
    const copy = new CookieJar();
    copy.cookies.set("next-auth.session-token", cookie.split("=")[1] ?? "");
    expect((await readSession(copy)).body).toEqual({});
  });

  it("signing out ends the user's other sessions too, and a new sign-in works", async () => {
    const { email, jar, cookie: laptop } = await signedIn();
    const phone = new CookieJar();
    await signInWithPassword(phone, email, PASSWORD);
    await signOutSession(jar);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(`next-auth.session-token=${phone.session}`)).status).toBe(401);
    const again = new CookieJar();
    await signInWithPassword(again, email, PASSWORD);
    expect((await me(`next-auth.session-token=${again.session}`)).status).toBe(200);
  });

  it("a password change (operator CLI) ends the sessions signed in with the old password", async () => {
    const { email, cookie } = await signedIn();
    expect((await me(cookie)).status).toBe(200);
    await adminCreateTenant(getDb(), env, { name: `pw-${randomUUID().slice(0, 6)}`, email, plan: "free", password: "a brand new password" });
    expect((await me(cookie)).status).toBe(401);
  });
});
