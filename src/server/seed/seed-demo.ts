import { hash } from "@node-rs/argon2";
import type { Db } from "@/server/db";

export const DEMO_EMAIL = "demo@pricing-optimizer.local";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_TENANT_NAME = "Demo Store";
export const DEMO_EXPERIMENT_KEY = "pro-plan-price";

/** Idempotent: a second run finds the demo user and changes nothing. */
export async function seedDemo(db: Db): Promise<{ created: boolean; tenantId: string }> {
  const existing = await db.user.findUnique({ where: { email: DEMO_EMAIL }, include: { memberships: true } });
  const existingTenant = existing?.memberships[0]?.tenantId;
  if (existingTenant) return { created: false, tenantId: existingTenant };

  const passwordHash = await hash(DEMO_PASSWORD);
  const tenant = await db.$transaction(async (tx) => {
    const tenant = await tx.tenant.create({ data: { name: DEMO_TENANT_NAME, allowedOrigins: ["http://localhost:3000"] } });
    const user = await tx.user.create({ data: { email: DEMO_EMAIL, name: "Demo Owner", passwordHash } });
    await tx.membership.create({ data: { userId: user.id, tenantId: tenant.id, role: "owner" } });
    await tx.experiment.create({
      data: {
        tenantId: tenant.id,
        key: DEMO_EXPERIMENT_KEY,
        name: "Pro plan monthly price",
        description: "Which monthly price for the Pro plan earns most per visitor?",
        currency: "USD",
        status: "running",
        startDate: new Date(),
        variants: {
          create: [
            { key: "control", name: "$24 (current)", price: "24.00", weight: 1, isControl: true, position: 0, metrics: { create: {} } },
            { key: "low", name: "$19", price: "19.00", weight: 1, position: 1, metrics: { create: {} } },
            { key: "high", name: "$29", price: "29.00", weight: 1, position: 2, metrics: { create: {} } },
          ],
        },
      },
    });
    await tx.auditLog.create({ data: { tenantId: tenant.id, actor: "system:seed", action: "tenant.seeded", target: tenant.id } });
    return tenant;
  });
  return { created: true, tenantId: tenant.id };
}
