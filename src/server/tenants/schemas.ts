import "server-only";
import { z } from "zod";
import { PLATFORM_MODES, TENANT_MODES } from "@/shared/domain/tenants";

// The same answer whether or not the email already had an account, so it carries no ids.
export const ZSignUpOutput = z.object({ joined: z.boolean() });
export type TSignUpOutput = z.infer<typeof ZSignUpOutput>;

export const ZSettingsOutput = z.object({
  name: z.string(),
  allowedOrigins: z.array(z.string()),
  webhookUrl: z.string().nullable(),
  mode: z.enum(TENANT_MODES),
  /** The stored Paid.ai key masked (last four characters), or null when none is stored. */
  paidApiKeyMasked: z.string().nullable(),
  platformMode: z.enum(PLATFORM_MODES),
});
export type TSettingsOutput = z.infer<typeof ZSettingsOutput>;

export const ZUsageOutput = z.object({
  plan: z.string(),
  currentUsage: z.number().int(),
  usageLimit: z.number().int(),
  billingConfigured: z.boolean(),
});
