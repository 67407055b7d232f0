import "server-only";
import { appError } from "@/server/lib/app-error";
import { DATABASE_GATE_MESSAGE } from "./gated-pool";

/** What a caller is told to wait before retrying while the database cannot answer. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATEs that say "the server cannot serve you now", not "your statement is wrong":
// statement timeout, shutdown/crash/startup, too many connections, an idle transaction
// ended by the server, and the connection-exception class.
const SQLSTATES = new Set(["57014", "57P01", "57P02", "57P03", "53300", "25P03", "08000", "08001", "08003", "08004", "08006"]);
// @prisma/adapter-pg's names for socket failures (DriverAdapterError.cause.kind).
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Prisma's codes for an unreachable server or an exhausted pool.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "EPIPE"]);
// pg's own errors carry no code: connect timeout, pool wait timeout, client-side query timeout, dropped socket.
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|is not queryable/;

function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, name) : undefined;
}

/**
 * True when an error (from Prisma, adapter-pg or pg, possibly wrapped by tRPC)
 * means PostgreSQL is down, frozen or overloaded — a 503 the caller may retry —
 * rather than a bug.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== "object" || error === null) return false;
  const code = field(error, "code");
  const kind = field(error, "kind");
  const message = field(error, "message");
  if (typeof code === "string" && (SQLSTATES.has(code) || PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
  if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
  if (typeof message === "string" && (PG_MESSAGES.test(message) || message.includes(DATABASE_GATE_MESSAGE)) && !(error instanceof TypeError))
    return true;
  return (
    isDatabaseUnavailable(field(error, "cause"), depth + 1) || isDatabaseUnavailable(field(field(error, "meta"), "driverAdapterError"), depth + 1)
  );
}

export function databaseUnavailableError() {
  return appError("SERVICE_UNAVAILABLE", "DATABASE_UNAVAILABLE", `The database is not answering; retry in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`, {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
}
