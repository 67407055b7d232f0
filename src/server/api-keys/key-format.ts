import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyKind } from "@/shared/domain/api-keys";

const PREFIX: Record<ApiKeyKind, string> = { secret: "po_sk_", publishable: "po_pk_" };
const KEY_PATTERN = /^po_(sk|pk)_[A-Za-z0-9]{32}$/;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function generateApiKey(kind: ApiKeyKind): { key: string; prefix: string; hashedKey: string } {
  const bytes = randomBytes(32);
  let body = "";
  // 248 = 4 x 62: bytes at or above it are skipped so that every character is equally likely.
  for (let i = 0; body.length < 32; i++) {
    const b = i < bytes.length ? bytes[i]! : randomBytes(1)[0]!;
    if (b < 248) body += ALPHABET[b % 62];
  }
  const key = `${PREFIX[kind]}${body}`;
  return { key, prefix: key.slice(0, 10), hashedKey: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function parseApiKey(key: string): ApiKeyKind | null {
  const m = KEY_PATTERN.exec(key);
  if (!m) return null;
  return m[1] === "sk" ? "secret" : "publishable";
}
