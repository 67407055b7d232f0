import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { fieldError } from "@/server/lib/app-error";
import { type TAuditListOutput, ZAuditListInput, type TAuditListInput } from "./schemas";

const SYSTEM_LABELS: Record<string, string> = { "admin:cli": "Admin CLI", "system:seed": "Demo seed" };

/** Newest first; the cursor is the last entry's (createdAt, id), so pages never skip or repeat a row. */
function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso = "", id = ""] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw fieldError("BAD_REQUEST", "INVALID_CURSOR", "cursor", "not a cursor from a previous page.");
  }
  return { createdAt, id };
}

const asSummary = (v: Prisma.JsonValue | null) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** Names for actors: members by email, keys by name and prefix (from this tenant only). */
async function actorLabels(db: Db, tenantId: string, actors: string[]): Promise<Map<string, string>> {
  const ids = (prefix: string) =>
    actors
      .filter((a) => a.startsWith(prefix))
      .map((a) => a.slice(prefix.length))
      .filter((id) => /^[0-9a-f-]{36}$/.test(id));
  const [users, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: ids("user:") }, memberships: { some: { tenantId } } }, select: { id: true, email: true } }),
    db.apiKey.findMany({ where: { id: { in: ids("api_key:") }, tenantId }, select: { id: true, name: true, prefix: true } }),
  ]);
  const labels = new Map<string, string>(Object.entries(SYSTEM_LABELS));
  for (const u of users) labels.set(`user:${u.id}`, u.email);
  for (const k of keys) labels.set(`api_key:${k.id}`, `API key “${k.name}” (${k.prefix}…)`);
  return labels;
}

export async function listAuditLog(db: Db, tenantId: string, raw: TAuditListInput): Promise<TAuditListOutput> {
  const input = ZAuditListInput.parse(raw);
  const where: Prisma.AuditLogWhereInput = {
    tenantId,
    ...(input.actor ? { actor: input.actor } : {}),
    ...(input.action ? { action: input.action } : {}),
  };
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    where.OR = [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }];
  }
  const [rows, actions, actors] = await Promise.all([
    db.auditLog.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit + 1 }),
    db.auditLog.findMany({ where: { tenantId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditLog.findMany({ where: { tenantId }, distinct: ["actor"], select: { actor: true }, orderBy: { actor: "asc" } }),
  ]);
  const page = rows.slice(0, input.limit);
  const labels = await actorLabels(
    db,
    tenantId,
    actors.map((a) => a.actor),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      actor: r.actor,
      actorLabel: labels.get(r.actor) ?? r.actor,
      action: r.action,
      target: r.target,
      before: asSummary(r.before),
      after: asSummary(r.after),
      metadata: asSummary(r.metadata),
      ip: r.ip,
      createdAt: r.createdAt,
    })),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    actions: actions.map((a) => a.action),
    actors: actors.map((a) => ({ actor: a.actor, label: labels.get(a.actor) ?? a.actor })),
  };
}
