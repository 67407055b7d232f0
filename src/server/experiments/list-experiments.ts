import "server-only";
import { z } from "zod";
import type { Db } from "@/server/db";
import { EXPERIMENT_STATUSES } from "@/shared/domain/experiments";
import { experimentInclude, serializeExperiment } from "./serialize";

export const ZListExperimentsInput = z
  .object({
    status: z.enum(EXPERIMENT_STATUSES).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    /** The id of the last experiment of the previous page. */
    cursor: z.uuid("must be an experiment id").nullish(),
  })
  .prefault({});

export async function listExperiments(db: Db, tenantId: string, input: z.infer<typeof ZListExperimentsInput>) {
  // A cursor that is not this tenant's experiment answers like an unknown one: an empty page.
  if (input.cursor && !(await db.experiment.findFirst({ where: { id: input.cursor, tenantId }, select: { id: true } }))) {
    return { items: [], nextCursor: null };
  }
  const rows = await db.experiment.findMany({
    where: { tenantId, ...(input.status ? { status: input.status } : {}) },
    include: experimentInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { items: page.map(serializeExperiment), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
