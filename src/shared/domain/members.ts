import { oneOfParser } from "./one-of";

/** A member's role in a tenant; member is read-only. */
export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];
export const parseRole = oneOfParser("role", ROLES);

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** Whether `role` may do what needs at least `minRole`. */
export function hasRole(role: Role, minRole: Role): boolean {
  return RANK[role] >= RANK[minRole];
}
