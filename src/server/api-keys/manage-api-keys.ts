import "server-only";
import type { Db } from "@/server/db";
import { auditEntry } from "@/server/audit/audit-entry";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { appError, fieldError } from "@/server/lib/app-error";
import { type ApiKeyKind, parseApiKeyKind } from "@/shared/domain/api-keys";
import { generateApiKey } from "./key-format";
import { forgetApiKey } from "./verify-api-key";

export async function createApiKey(db: Db, tenantId: string, actor: string, input: { kind: ApiKeyKind; name: string }) {
  const generated = generateApiKey(input.kind);
  const row = await db
    .$transaction(async (tx) => {
      // Names tell keys apart in the list and in audit logs: unique among the tenant's active keys.
      const taken = await tx.apiKey.findFirst({
        where: { tenantId, revokedAt: null, name: { equals: input.name, mode: "insensitive" } },
        select: { id: true },
      });
      if (taken) throw nameTaken(input.name);
      const created = await tx.apiKey.create({
        data: { tenantId, kind: input.kind, name: input.name, prefix: generated.prefix, hashedKey: generated.hashedKey },
      });
      await tx.auditLog.create({
        data: auditEntry({
          tenantId,
          actor,
          action: "api_key.created",
          target: created.id,
          after: { kind: input.kind, name: input.name, prefix: created.prefix },
          metadata: { kind: input.kind },
        }),
      });
      return created;
    })
    .catch((error: unknown) => {
      // Two creates can both pass the check above: the index uq_api_keys_tenant_active_name refuses
      // the later insert, and it answers as the check would. The only other unique index is on the
      // key's hash, which a freshly generated random key does not collide with.
      if (isUniqueViolation(error)) throw nameTaken(input.name);
      throw error;
    });
  // The only time the full key exists outside the caller's hands: it is stored hashed.
  return { id: row.id, kind: input.kind, name: row.name, prefix: row.prefix, createdAt: row.createdAt, key: generated.key };
}

function nameTaken(name: string) {
  return fieldError("CONFLICT", "API_KEY_NAME_TAKEN", "name", `an active key is already named “${name}”; choose another name or revoke that key.`);
}

export async function listApiKeys(db: Db, tenantId: string) {
  const rows = await db.apiKey.findMany({ where: { tenantId }, orderBy: { createdAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    kind: parseApiKeyKind(r.kind),
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

export async function revokeApiKey(db: Db, tenantId: string, actor: string, id: string, now = new Date()) {
  const row = await db.apiKey.findFirst({ where: { id, tenantId } });
  if (!row) throw appError("NOT_FOUND", "API_KEY_NOT_FOUND", "No API key with this id.");
  if (!row.revokedAt) {
    await db.$transaction([
      db.apiKey.update({ where: { id }, data: { revokedAt: now } }),
      db.auditLog.create({
        data: auditEntry({
          tenantId,
          actor,
          action: "api_key.revoked",
          target: id,
          before: { name: row.name, revokedAt: null },
          after: { revokedAt: now.toISOString() },
        }),
      }),
    ]);
  }
  forgetApiKey(row.hashedKey);
  return { id, revokedAt: row.revokedAt ?? now };
}
