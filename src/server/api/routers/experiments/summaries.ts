import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { experimentSummaries } from "@/server/results/experiment-summaries";
import { ZExperimentSummary } from "@/server/results/summary-schemas";

/** Visitors and the leading price of up to 100 experiments: what a list needs, without full results per row. */
export const summaries = tenantProcedure("member")
  .input(z.object({ ids: z.array(z.uuid("must be an experiment id")).max(100, "must list at most 100 experiments") }))
  .output(z.array(ZExperimentSummary))
  .query(({ ctx, input }) => experimentSummaries(ctx.db, ctx.tenant.tenantId, input.ids));
