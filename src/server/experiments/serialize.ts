import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { withoutReservedKeys } from "@/shared/schemas/zod-text";
import { parseBanditMetric, parseDecisionMode, parseExperimentStatus } from "@/shared/domain/experiments";
import { type TRevenueCap, ZRevenueCap } from "@/shared/schemas/experiments";
import type { TExperimentOutput } from "./schemas";

export const experimentInclude = { variants: { orderBy: { position: "asc" } } } satisfies Prisma.ExperimentInclude;
export type ExperimentRow = Prisma.ExperimentGetPayload<{ include: typeof experimentInclude }>;

/** A variant's metadata column as an object ({} when absent; reserved keys stored before they were refused are dropped). */
export function asObject(value: Prisma.JsonValue | null): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (withoutReservedKeys(value) as Record<string, unknown>) : {};
}

export function serializeExperiment(row: ExperimentRow): TExperimentOutput {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    description: row.description,
    status: parseExperimentStatus(row.status),
    currency: row.currency,
    unitCost: row.unitCost?.toFixed(2) ?? null,
    startDate: row.startDate,
    endDate: row.endDate,
    targetSampleSize: row.targetSampleSize,
    winningVariantKey: row.variants.find((v) => v.id === row.winningVariantId)?.key ?? null,
    banditMetric: row.banditMetric === null ? null : parseBanditMetric(row.banditMetric),
    mde: row.mde,
    decisionMode: parseDecisionMode(row.decisionMode),
    revenueCap: revenueCapOf(row.revenueCap),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    variants: row.variants.map((v) => ({
      id: v.id,
      key: v.key,
      name: v.name,
      price: v.price.toFixed(2),
      weight: v.weight,
      isControl: v.isControl,
      metadata: asObject(v.metadata),
    })),
  };
}

/** The stored cap, or null when absent or not one this version understands. */
export function revenueCapOf(value: Prisma.JsonValue | null): TRevenueCap | null {
  const parsed = ZRevenueCap.safeParse(value);
  return parsed.success ? parsed.data : null;
}
