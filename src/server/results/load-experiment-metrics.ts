import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";

// Aggregates only: results must cost the same at 100 visitors and at 10 million,
// so the per-visitor assignments table is never read here (revenue capping, off
// by default, reads buyers' rows through a partial index: see capped-revenue.ts).
const include = {
  variants: { orderBy: { position: "asc" }, include: { metrics: true } },
  reweights: { orderBy: { createdAt: "desc" }, take: 1, select: { createdAt: true } },
  periods: { orderBy: { startedAt: "asc" }, select: { startedAt: true, visitorsBefore: true, weights: true, source: true } },
} satisfies Prisma.ExperimentInclude;

export type ExperimentWithMetrics = Prisma.ExperimentGetPayload<{ include: typeof include }>;

/** The tenant's experiment with per-variant aggregates, or NOT_FOUND — the same answer for another tenant's id. */
export async function loadExperimentMetrics(db: Db, tenantId: string, id: string): Promise<ExperimentWithMetrics> {
  const row = await db.experiment.findFirst({ where: { id, tenantId }, include });
  if (!row) throw appError("NOT_FOUND", "EXPERIMENT_NOT_FOUND", "No experiment with this id.");
  return row;
}
