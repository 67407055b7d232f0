import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "./secret-box";

describe("secret box (AES-256-GCM)", () => {
  const key = randomBytes(32);

  it("round-trips, and two encryptions of one secret differ", () => {
    const a = encryptSecret(key, "paid_live_secret_1234");
    const b = encryptSecret(key, "paid_live_secret_1234");
    expect(a).not.toBe(b);
    expect(decryptSecret(key, a)).toBe("paid_live_secret_1234");
  });

  it("answers null for another key, a tampered value or a foreign format", () => {
    const stored = encryptSecret(key, "paid_live_secret_1234");
    expect(decryptSecret(randomBytes(32), stored)).toBeNull();
    const body = Buffer.from(stored.slice(3), "base64url");
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 1;
    expect(decryptSecret(key, `v1:${body.toString("base64url")}`)).toBeNull();
    expect(decryptSecret(key, "plaintext")).toBeNull();
  });

  it("masks all but the last four characters", () => {
    expect(maskSecret("paid_live_secret_1234")).toBe("••••••••1234");
  });
});
