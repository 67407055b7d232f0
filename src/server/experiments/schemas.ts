import "server-only";
import { z } from "zod";
import { BANDIT_METRICS, DECISION_MODES, EXPERIMENT_STATUSES } from "@/shared/domain/experiments";
import { ZRevenueCap } from "@/shared/schemas/experiments";

export const ZVariantOutput = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  price: z.string(),
  weight: z.number(),
  isControl: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
});

export const ZExperimentOutput = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(EXPERIMENT_STATUSES),
  currency: z.string(),
  unitCost: z.string().nullable(),
  startDate: z.date().nullable(),
  endDate: z.date().nullable(),
  targetSampleSize: z.number().nullable(),
  winningVariantKey: z.string().nullable(),
  banditMetric: z.enum(BANDIT_METRICS).nullable(),
  /** Relative MDE; null means the default 5%. */
  mde: z.number().nullable(),
  decisionMode: z.enum(DECISION_MODES),
  revenueCap: ZRevenueCap.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  variants: z.array(ZVariantOutput),
});

export type TExperimentOutput = z.infer<typeof ZExperimentOutput>;
