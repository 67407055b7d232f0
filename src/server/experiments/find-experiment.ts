import "server-only";
import type { Db } from "@/server/db";
import { appError } from "@/server/lib/app-error";
import { experimentInclude } from "./serialize";

/** The tenant's experiment, or NOT_FOUND — the same answer whether it is another tenant's or absent. */
export async function findExperimentOrThrow(db: Db, tenantId: string, id: string) {
  const row = await db.experiment.findFirst({ where: { id, tenantId }, include: experimentInclude });
  if (!row) throw appError("NOT_FOUND", "EXPERIMENT_NOT_FOUND", "No experiment with this id.");
  return row;
}
