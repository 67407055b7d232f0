import "server-only";
import { z } from "zod";
import { ZVisitorId } from "@/server/api/routers/assignment/schemas";
import { ZKey, zMoney } from "@/shared/schemas/experiments";
import { zText } from "@/shared/schemas/zod-text";

export const ZTrackInput = z.strictObject({
  experimentKey: ZKey,
  visitorId: ZVisitorId,
  type: z.literal("conversion", { error: 'must be "conversion"' }),
  revenue: zMoney({ positive: false, max: 9_999_999.99 }).default("0.00"),
  idempotencyKey: zText({ min: 1, max: 255 }).nullish(),
});

export const ZTrackOutput = z.object({
  accepted: z.literal(true),
  counted: z.boolean(),
  duplicate: z.boolean(),
  variantKey: z.string(),
  reason: z.enum(["counted", "duplicate", "experiment_not_active"]),
});
