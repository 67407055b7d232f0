import "server-only";
import type { Db } from "@/server/db";
import { parseRole } from "@/shared/domain/members";

/** The signed-in user and every tenant they belong to, oldest membership first (the default tenant). */
export async function myAccount(db: Db, userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      memberships: { orderBy: { createdAt: "asc" }, select: { role: true, tenant: { select: { id: true, name: true, plan: true } } } },
    },
  });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    tenants: user.memberships.map((m) => ({ id: m.tenant.id, name: m.tenant.name, plan: m.tenant.plan, role: parseRole(m.role) })),
  };
}
