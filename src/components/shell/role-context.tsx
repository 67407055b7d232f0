"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { TRole } from "@/server/members/schemas";

const RoleContext = createContext<TRole>("member");

export function RoleProvider({ role, children }: { role: TRole; children: ReactNode }) {
  return <RoleContext.Provider value={role}>{children}</RoleContext.Provider>;
}

/**
 * The signed-in user's role in the active tenant. It only hides controls; the
 * server enforces every role on its own.
 */
export function useRole() {
  const role = useContext(RoleContext);
  return { role, canEdit: role === "owner" || role === "admin", isOwner: role === "owner" };
}
