import "server-only";
import { env } from "@/env";
import { decodeKey32 } from "@/env/schema";

let cached: Buffer | undefined;

/** The 32-byte key for secrets at rest; env validation guarantees it decodes. */
export function encryptionKey(): Buffer {
  if (!cached) {
    const key = decodeKey32(env.API_KEY_ENCRYPTION_KEY);
    if (!key) throw new Error("API_KEY_ENCRYPTION_KEY must decode to 32 bytes");
    cached = key;
  }
  return cached;
}
