import "server-only";
import { Prisma } from "@/generated/prisma/client";

/** A write refused by a unique index (Prisma's P2002): the row it would duplicate exists, or a racing write got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
