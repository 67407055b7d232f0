import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { auditEntry } from "@/server/audit/audit-entry";
import { experimentSummary } from "@/server/audit/experiment-summary";
import { invalidateExperimentConfig, type CacheDeps } from "@/server/cache/experiment-config";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { fieldError } from "@/server/lib/app-error";
import type { TCreateExperimentInput } from "@/shared/schemas/experiments";
import { experimentInclude, serializeExperiment } from "./serialize";
import { variantRows } from "./variant-rows";

export async function createExperiment(deps: CacheDeps, tenantId: string, actor: string, input: TCreateExperimentInput) {
  try {
    const row = await deps.db.$transaction(async (tx) => {
      const created = await tx.experiment.create({
        data: {
          tenantId,
          key: input.key,
          name: input.name,
          description: input.description ?? null,
          currency: input.currency,
          startDate: input.startDate ?? null,
          endDate: input.endDate ?? null,
          targetSampleSize: input.targetSampleSize ?? null,
          unitCost: input.unitCost ?? null,
          banditMetric: input.banditMetric ?? null,
          mde: input.mde ?? null,
          decisionMode: input.decisionMode,
          revenueCap: input.revenueCap ?? Prisma.DbNull,
          variants: { create: variantRows(input.variants) },
        },
        include: experimentInclude,
      });
      await tx.auditLog.create({
        data: auditEntry({
          tenantId,
          actor,
          action: "experiment.created",
          target: created.id,
          after: experimentSummary(created),
          metadata: { key: input.key },
        }),
      });
      return created;
    });
    // A lookup of this key may have cached "not found" moments ago.
    await invalidateExperimentConfig(deps, tenantId, input.key);
    return serializeExperiment(row);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw fieldError("CONFLICT", "EXPERIMENT_KEY_TAKEN", "key", `an experiment with key "${input.key}" already exists`);
    }
    throw error;
  }
}
