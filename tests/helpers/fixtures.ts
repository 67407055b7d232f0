import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { env } from "../../src/env";
import { generateApiKey } from "../../src/server/api-keys/key-format";
import type { ApiKeyKind } from "../../src/shared/domain/api-keys";
import { getDb } from "../../src/server/db";

/** A tenant with a unique name, so tests can run in parallel on a shared database. */
export async function createTestTenant(label = "t", role: "owner" | "admin" | "member" = "owner") {
  const db = getDb();
  const suffix = randomUUID().slice(0, 8);
  const tenant = await db.tenant.create({ data: { name: `${label}-${suffix}` } });
  const user = await db.user.create({ data: { email: `${label}-${suffix}@test.local`, name: label } });
  await db.membership.create({ data: { userId: user.id, tenantId: tenant.id, role } });
  return { tenant, user };
}

export async function createTestApiKey(tenantId: string, kind: ApiKeyKind = "secret") {
  const generated = generateApiKey(kind);
  await getDb().apiKey.create({
    // Active key names are unique per tenant (a database index): the prefix keeps a second key of a kind apart.
    data: { tenantId, kind, name: `test ${kind} ${generated.prefix}`, prefix: generated.prefix, hashedKey: generated.hashedKey },
  });
  return generated.key;
}

/** The cookie next-auth would set after this user signs in. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: env.NEXTAUTH_SECRET });
  return `next-auth.session-token=${token}`;
}

/**
 * Puts a tenant on the pro plan (its limits from the environment), for tests that
 * send more traffic than a free key's rate or month allows but are not about limits.
 */
export async function makePro(tenantId: string) {
  const { invalidateTenantPlan } = await import("../../src/server/usage/tenant-plan");
  const { getRedis } = await import("../../src/server/redis");
  await getDb().tenant.update({ where: { id: tenantId }, data: { plan: "pro", usageLimit: env.PRO_TIER_LIMIT } });
  await invalidateTenantPlan({ db: getDb(), redis: getRedis() }, tenantId);
}
