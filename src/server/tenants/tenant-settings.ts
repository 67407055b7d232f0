import "server-only";
import type { Db } from "@/server/db";
import { auditEntry, changedFields } from "@/server/audit/audit-entry";
import { assertWebhookUrlAllowed } from "@/server/webhooks/url-guard";
import type { CacheDeps } from "@/server/cache/experiment-config";
import { readMonthUsage } from "@/server/usage/usage-counter";
import { decryptSecret, encryptSecret, maskSecret } from "@/server/crypto/secret-box";
import { fieldError } from "@/server/lib/app-error";
import type { PlatformMode, TenantMode } from "@/shared/domain/tenants";
import type { TUpdateSettingsInput } from "@/shared/schemas/tenants";
import type { TSettingsOutput } from "./schemas";

export interface SettingsDeps {
  db: Db;
  encryptionKey: Buffer;
  platformMode: PlatformMode;
  /** Production refuses webhook URLs on private, loopback and link-local addresses. */
  production?: boolean;
}

type TenantRow = { name: string; allowedOrigins: string[]; webhookUrl: string | null; mode: string; paidApiKeyEncrypted: string | null };

function present(deps: SettingsDeps, row: TenantRow): TSettingsOutput {
  const plain = row.paidApiKeyEncrypted ? decryptSecret(deps.encryptionKey, row.paidApiKeyEncrypted) : null;
  return {
    name: row.name,
    allowedOrigins: row.allowedOrigins,
    webhookUrl: row.webhookUrl,
    mode: row.mode === "byok" ? "byok" : "managed",
    // A key encrypted under an old encryption key still counts as stored, but cannot be shown.
    paidApiKeyMasked: plain ? maskSecret(plain) : row.paidApiKeyEncrypted ? "•••••••• (unreadable: re-enter it)" : null,
    platformMode: deps.platformMode,
  };
}

const select = { name: true, allowedOrigins: true, webhookUrl: true, mode: true, paidApiKeyEncrypted: true } as const;

export async function getTenantSettings(deps: SettingsDeps, tenantId: string): Promise<TSettingsOutput> {
  return present(deps, await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select }));
}

function modeAllowed(platform: PlatformMode, mode: TenantMode): boolean {
  return platform === "hybrid" || (platform === "byok-only" ? mode === "byok" : mode === "managed");
}

// The Paid.ai key appears in the audit trail only as set, replaced or unset.
function settingsSummary(row: TenantRow, paidApiKey: string) {
  return { name: row.name, allowedOrigins: row.allowedOrigins, webhookUrl: row.webhookUrl, mode: row.mode, paidApiKey };
}

function paidKeyAfter(current: TenantRow, input: TUpdateSettingsInput): string {
  if (input.paidApiKey === undefined) return current.paidApiKeyEncrypted ? "set" : "unset";
  if (input.paidApiKey === null) return "unset";
  return current.paidApiKeyEncrypted ? "replaced" : "set";
}

export async function updateTenantSettings(deps: SettingsDeps, tenantId: string, actor: string, input: TUpdateSettingsInput) {
  const current = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select });
  const mode = input.mode ?? (current.mode === "byok" ? "byok" : "managed");
  if (input.mode && !modeAllowed(deps.platformMode, input.mode)) {
    throw fieldError("BAD_REQUEST", "MODE_NOT_ALLOWED", "mode", `this installation runs ${deps.platformMode}; ${input.mode} is not available.`);
  }
  if (input.webhookUrl) assertWebhookUrlAllowed(input.webhookUrl, deps.production ?? false);
  const keyAfter = input.paidApiKey === undefined ? current.paidApiKeyEncrypted : input.paidApiKey;
  if (mode === "byok" && !keyAfter) {
    throw fieldError("BAD_REQUEST", "PAID_KEY_REQUIRED", "paidApiKey", "bring-your-own-key mode needs your Paid.ai API key.");
  }
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await tx.tenant.update({
      where: { id: tenantId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.allowedOrigins !== undefined ? { allowedOrigins: [...new Set(input.allowedOrigins)] } : {}),
        ...(input.webhookUrl !== undefined ? { webhookUrl: input.webhookUrl || null } : {}),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.paidApiKey !== undefined
          ? { paidApiKeyEncrypted: input.paidApiKey === null ? null : encryptSecret(deps.encryptionKey, input.paidApiKey) }
          : {}),
      },
      select,
    });
    // The audit trail names what changed, never the key itself.
    const changed = Object.keys(input).filter((k) => input[k as keyof TUpdateSettingsInput] !== undefined);
    const diff = changedFields(
      settingsSummary(current, current.paidApiKeyEncrypted ? "set" : "unset"),
      settingsSummary(updated, paidKeyAfter(current, input)),
    );
    await tx.auditLog.create({
      data: auditEntry({ tenantId, actor, action: "tenant.settings_updated", target: tenantId, ...diff, metadata: { changed } }),
    });
    return updated;
  });
  return present(deps, row);
}

/**
 * The month's usage from the counter the limit check uses; while Redis is unreachable,
 * the last rolled-up value (tenants.current_usage).
 */
export async function getTenantUsage(deps: CacheDeps, tenantId: string, billingConfigured: boolean, now = new Date()) {
  const t = await deps.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { plan: true, usageLimit: true, currentUsage: true } });
  const live = await readMonthUsage(deps, tenantId, now);
  return { plan: t.plan, currentUsage: live ?? t.currentUsage, usageLimit: t.usageLimit, billingConfigured };
}
