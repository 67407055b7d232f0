import "server-only";
import { env } from "@/env";
import type { PlatformMode } from "@/shared/domain/tenants";

/** Which conversions become Paid.ai usage signals (PLATFORM_MODE, and whether a managed key exists). */
export interface PaidSignalPolicy {
  platformMode: PlatformMode;
  managedKey: boolean;
}

export function paidSignalPolicy(): PaidSignalPolicy {
  return { platformMode: env.PLATFORM_MODE, managedKey: Boolean(env.PAID_API_KEY) };
}

export const PAID_SIGNAL_TOPIC = "paid.signal";
