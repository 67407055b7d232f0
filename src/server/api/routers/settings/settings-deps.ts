import "server-only";
import { env } from "@/env";
import type { Context } from "@/server/api/trpc";
import { encryptionKey } from "@/server/crypto/encryption-key";
import type { SettingsDeps } from "@/server/tenants/tenant-settings";

export function settingsDeps(ctx: Context): SettingsDeps {
  return { db: ctx.db, encryptionKey: encryptionKey(), platformMode: env.PLATFORM_MODE, production: env.NODE_ENV === "production" };
}
