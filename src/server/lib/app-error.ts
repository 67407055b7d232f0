import "server-only";
import { TRPCError } from "@trpc/server";

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]["code"];

/**
 * An error a caller can act on: a stable machine code (e.g. USAGE_LIMIT_EXCEEDED)
 * with a human sentence, carried to the client by the tRPC error formatter.
 */
export class AppError extends Error {
  constructor(
    readonly appCode: string,
    message: string,
    readonly trpcCode: TrpcCode = "BAD_REQUEST",
  ) {
    super(message);
    this.name = "AppError";
  }
}

export function appError(trpcCode: TrpcCode, appCode: string, message: string): TRPCError {
  return new TRPCError({ code: trpcCode, message, cause: new AppError(appCode, message, trpcCode) });
}
