import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { auditEntry } from "@/server/audit/audit-entry";

/**
 * A new user's own workspace on the free plan, with them as its owner and the creation in the
 * audit log, written inside the caller's transaction (password sign-up and first OAuth sign-in).
 */
export async function createOwnedWorkspace(
  tx: Prisma.TransactionClient,
  owner: { userId: string; workspaceName: string; freeTierLimit: number; via?: string },
): Promise<{ tenantId: string }> {
  // The column holds 255 characters; cut by code point so an emoji is never split into a lone surrogate.
  const name = Array.from(owner.workspaceName).slice(0, 255).join("");
  const tenant = await tx.tenant.create({ data: { name, plan: "free", usageLimit: owner.freeTierLimit } });
  await tx.membership.create({ data: { userId: owner.userId, tenantId: tenant.id, role: "owner" } });
  await tx.auditLog.create({
    data: auditEntry({
      tenantId: tenant.id,
      actor: `user:${owner.userId}`,
      action: "tenant.created",
      target: tenant.id,
      after: { name: tenant.name, plan: tenant.plan },
      ...(owner.via ? { metadata: { via: owner.via } } : {}),
    }),
  });
  return { tenantId: tenant.id };
}
