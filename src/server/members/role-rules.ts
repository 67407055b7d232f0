import { appError, fieldError } from "@/server/lib/app-error";
import type { TRole } from "./schemas";

/** Admins manage members and admins; only an owner may grant, change or take away the owner role. */
export function assertMayAssign(actorRole: TRole, fromRole: TRole | null, toRole: TRole): void {
  if (actorRole === "member") throw appError("FORBIDDEN", "ROLE_REQUIRED", "Only owners and admins manage members.");
  if (actorRole === "admin" && (toRole === "owner" || fromRole === "owner")) {
    throw fieldError("FORBIDDEN", "OWNER_REQUIRED", "role", "only an owner can grant or change the owner role.");
  }
}
