"use client";

import { createContext, type ReactNode, useContext } from "react";
import { hasRole, type Role } from "@/shared/domain/members";

const RoleContext = createContext<Role>("member");

export function RoleProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/**
 * The signed-in user's role in the active tenant. It only hides controls; the
 * server enforces every role on its own.
 */
export function useRole() {
  const role = useContext(RoleContext);
  return { role, canEdit: hasRole(role, "admin"), isOwner: role === "owner" };
}
