import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { auditEntry, changedFields } from "@/server/audit/audit-entry";
import { experimentSummary } from "@/server/audit/experiment-summary";
import { invalidateExperimentConfig, type CacheDeps } from "@/server/cache/experiment-config";
import { isUniqueViolation } from "@/server/db/unique-violation";
import { appError, fieldError } from "@/server/lib/app-error";
import { findExperimentOrThrow } from "./find-experiment";
import { openWeightPeriod } from "./weight-periods";
import type { TUpdateExperimentInput } from "@/shared/schemas/experiments";
import { experimentInclude, serializeExperiment } from "./serialize";
import { variantRows } from "./variant-rows";

// Once an experiment has run, a visitor must never see a different price for the same variant.
const EDITABLE_AFTER_DRAFT = new Set(["id", "name", "description", "endDate", "weights"]);

export async function updateExperiment(deps: CacheDeps, tenantId: string, actor: string, input: TUpdateExperimentInput) {
  const current = await findExperimentOrThrow(deps.db, tenantId, input.id);
  const given = Object.entries(input)
    .filter(([, v]) => v !== undefined)
    .map(([k]) => k);
  if (current.status !== "draft") {
    const locked = given.filter((k) => !EDITABLE_AFTER_DRAFT.has(k));
    if (locked.length > 0) {
      const problem = `cannot change once the experiment has started (status ${current.status}); only name, description, endDate and weights can.`;
      // Several fields share one sentence, which no single field's place in a form shows.
      const [only] = locked;
      if (only && locked.length === 1) throw fieldError("CONFLICT", "EXPERIMENT_LOCKED", only, problem);
      throw appError("CONFLICT", "EXPERIMENT_LOCKED", `${locked.join(", ")}: ${problem}`);
    }
  }
  if (current.status === "completed" || current.status === "archived") {
    if (input.weights) throw fieldError("CONFLICT", "EXPERIMENT_LOCKED", "weights", `cannot change a ${current.status} experiment.`);
  }
  if (input.weights) {
    const unknown = Object.keys(input.weights).filter((k) => !current.variants.some((v) => v.key === k));
    if (unknown.length) throw fieldError("BAD_REQUEST", "UNKNOWN_VARIANT", "weights", `unknown variant key(s) ${unknown.join(", ")}`);
  }
  const end = input.endDate === undefined ? current.endDate : input.endDate;
  const start = current.startDate;
  if (end && start && end <= start) throw fieldError("BAD_REQUEST", "INVALID_DATES", "endDate", "must be after startDate");

  const row = await deps.db
    .$transaction(async (tx) => {
      if (input.variants) {
        await tx.variant.deleteMany({ where: { experimentId: current.id } });
        await tx.experiment.update({ where: { id: current.id }, data: { variants: { create: variantRows(input.variants) } } });
      }
      for (const [key, weight] of Object.entries(input.weights ?? {})) {
        await tx.variant.updateMany({ where: { experimentId: current.id, key }, data: { weight } });
      }
      if (input.weights && current.status !== "draft") {
        const weights = Object.fromEntries(current.variants.map((v) => [v.key, input.weights?.[v.key] ?? v.weight]));
        await openWeightPeriod(tx, current.id, weights, "manual");
      }
      const updated = await tx.experiment.update({
        where: { id: current.id },
        data: {
          name: input.name,
          description: input.description,
          endDate: input.endDate,
          targetSampleSize: input.targetSampleSize,
          unitCost: input.unitCost,
          banditMetric: input.banditMetric,
          mde: input.mde,
          decisionMode: input.decisionMode,
          revenueCap: input.revenueCap === undefined ? undefined : (input.revenueCap ?? Prisma.DbNull),
          currency: input.currency,
          key: input.key,
          version: { increment: 1 },
        },
        include: experimentInclude,
      });
      const diff = changedFields(experimentSummary(current), experimentSummary(updated));
      await tx.auditLog.create({
        data: auditEntry({
          tenantId,
          actor,
          action: "experiment.updated",
          target: current.id,
          ...diff,
          metadata: { fields: given.filter((k) => k !== "id") },
        }),
      });
      return updated;
    })
    .catch((error: unknown) => {
      // The only unique value an update can collide on is the tenant's experiment key (variant keys are checked by the schema).
      if (input.key !== undefined && isUniqueViolation(error)) {
        throw fieldError("CONFLICT", "EXPERIMENT_KEY_TAKEN", "key", `an experiment with key "${input.key}" already exists`);
      }
      throw error;
    });
  await invalidateExperimentConfig(deps, tenantId, current.key);
  if (row.key !== current.key) await invalidateExperimentConfig(deps, tenantId, row.key);
  return serializeExperiment(row);
}
