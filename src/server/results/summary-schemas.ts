import "server-only";
import { z } from "zod";

/** One row of the experiments list: `experiments.summaries`. */
export const ZExperimentSummary = z.object({
  id: z.uuid(),
  /** Unique visitors across all prices. */
  visitors: z.number(),
  /** The price most likely to have the highest revenue per visitor; null before any visitor. */
  leader: z.object({ key: z.string(), name: z.string(), price: z.string(), probabilityBest: z.number() }).nullable(),
});

export type TExperimentSummary = z.infer<typeof ZExperimentSummary>;
