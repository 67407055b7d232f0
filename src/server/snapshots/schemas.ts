import "server-only";
import { z } from "zod";

export const ZTimelineInput = z.object({ id: z.uuid("must be an experiment id") });

/** Cumulative totals of one variant at one moment. */
export const ZTimelinePoint = z.object({
  at: z.date(),
  visitors: z.number().int(),
  /** All revenue so far divided by all visitors so far (non-buyers count as 0); 0 before the first visitor. */
  revenuePerVisitor: z.number().nullable(),
  /** Visitors who bought at least once, as a fraction of visitors; 0 before the first visitor. */
  conversionRate: z.number().nullable(),
});

/** One series per variant in the experiment's order, points oldest first, the last one the live totals now. */
export const ZTimeline = z.object({
  variants: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      isControl: z.boolean(),
      points: z.array(ZTimelinePoint),
    }),
  ),
});

export type TTimelinePoint = z.infer<typeof ZTimelinePoint>;
export type TTimeline = z.infer<typeof ZTimeline>;
