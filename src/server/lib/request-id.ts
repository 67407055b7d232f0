import "server-only";
import { randomUUID } from "node:crypto";

const VALID = /^[A-Za-z0-9._-]{8,128}$/;

/** Reuses a caller's or proxy's x-request-id when it is sane, otherwise makes one. */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id");
  return given && VALID.test(given) ? given : randomUUID();
}
