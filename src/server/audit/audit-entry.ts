import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { currentAuditOrigin } from "./audit-context";

export type AuditSummary = Record<string, unknown>;

export interface AuditInput {
  tenantId: string;
  /** `user:<id>`, `api_key:<id>`, `admin:cli`, `system:…` */
  actor: string;
  action: string;
  target?: string | null;
  before?: AuditSummary | null;
  after?: AuditSummary | null;
  metadata?: AuditSummary | null;
}

const json = (v: AuditSummary | null | undefined) => (v ? (v as Prisma.InputJsonObject) : undefined);

/** The row an audit write stores: the caller's facts plus the request's address. */
export function auditEntry(input: AuditInput): Prisma.AuditLogUncheckedCreateInput {
  return {
    tenantId: input.tenantId,
    actor: input.actor,
    action: input.action,
    target: input.target ?? null,
    before: json(input.before),
    after: json(input.after),
    metadata: json(input.metadata),
    ip: currentAuditOrigin()?.ip ?? null,
  };
}

/** Only the keys that differ, as {before, after}; secrets are passed in already masked. */
export function changedFields(before: AuditSummary, after: AuditSummary): { before: AuditSummary; after: AuditSummary } {
  const keys = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}
