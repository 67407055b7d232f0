import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A bearer token for an invitation link; only its SHA-256 is stored. */
export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
