import "server-only";
import { z } from "zod";
import { ZKey } from "@/shared/schemas/experiments";
import { zText } from "@/shared/schemas/zod-text";

export const ZVisitorId = zText({ min: 1, max: 255, trim: true });

export const ZAssignOutput = z.object({
  experimentKey: z.string(),
  variantKey: z.string(),
  price: z.string().describe('Decimal string with two decimals, e.g. "19.00"'),
  currency: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  inExperiment: z.boolean(),
  reason: z.enum([
    "assigned",
    "returning",
    "not_started",
    "paused",
    "archived",
    "ended",
    "completed_winner",
    "converted_price_kept",
    "usage_limit_exceeded",
  ]),
});

export const ZAssignInput = z.strictObject({ experimentKey: ZKey, visitorId: ZVisitorId });
