import { z } from "zod";
import { ZKey } from "@/server/experiments/schemas";

export const ZVisitorId = z.string().trim().min(1, "must not be empty").max(255, "must be at most 255 characters");

export const ZAssignOutput = z.object({
  experimentKey: z.string(),
  variantKey: z.string(),
  price: z.string().describe("Decimal string with two decimals, e.g. \"19.00\""),
  currency: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  inExperiment: z.boolean(),
  reason: z.enum(["assigned", "returning", "not_started", "paused", "archived", "ended", "completed_winner", "converted_price_kept"]),
});

export const ZAssignInput = z.object({ experimentKey: ZKey, visitorId: ZVisitorId });
