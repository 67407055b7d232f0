import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// v1:<base64url(iv[12] | tag[16] | ciphertext)>; the version lets the format change later.
const VERSION = "v1";

/** AES-256-GCM: confidentiality and integrity for secrets stored in the database. */
export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64url")}`;
}

/** The plaintext, or null when the value was not written by encryptSecret with this key. */
export function decryptSecret(key: Buffer, stored: string): string | null {
  const [version, body] = stored.split(":");
  if (version !== VERSION || !body) return null;
  const raw = Buffer.from(body, "base64url");
  if (raw.length < 29) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** What a dashboard may show of a secret: its last four characters. */
export function maskSecret(plaintext: string): string {
  return `••••••••${plaintext.slice(-4)}`;
}
