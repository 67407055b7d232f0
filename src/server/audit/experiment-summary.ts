import "server-only";
import type { ExperimentRow } from "@/server/experiments/serialize";
import type { AuditSummary } from "./audit-entry";

/** The fields of an experiment a person can change, as an audit trail shows them. */
export function experimentSummary(row: ExperimentRow): AuditSummary {
  return {
    key: row.key,
    name: row.name,
    description: row.description,
    status: row.status,
    currency: row.currency,
    endDate: row.endDate?.toISOString() ?? null,
    targetSampleSize: row.targetSampleSize,
    unitCost: row.unitCost?.toFixed(2) ?? null,
    banditMetric: row.banditMetric,
    mde: row.mde,
    decisionMode: row.decisionMode,
    revenueCap: row.revenueCap,
    prices: Object.fromEntries(row.variants.map((v) => [v.key, v.price.toFixed(2)])),
    weights: Object.fromEntries(row.variants.map((v) => [v.key, v.weight])),
    control: row.variants.find((v) => v.isControl)?.key ?? null,
  };
}
