import "server-only";
import { appError, fieldError } from "@/server/lib/app-error";
import type { Role } from "@/shared/domain/members";

/** Admins manage members and admins; only an owner may grant, change or take away the owner role. */
export function assertMayAssign(actorRole: Role, fromRole: Role | null, toRole: Role): void {
  if (actorRole === "member") throw appError("FORBIDDEN", "ROLE_REQUIRED", "Only owners and admins manage members.");
  if (actorRole === "admin" && (toRole === "owner" || fromRole === "owner")) {
    throw fieldError("FORBIDDEN", "OWNER_REQUIRED", "role", "only an owner can grant or change the owner role.");
  }
}
