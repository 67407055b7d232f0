import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { computeResults } from "@/server/results/compute-results";
import { ZExperimentResults } from "@/server/results/schemas";

export const results = tenantProcedure("member")
  .meta({
    openapi: {
      method: "GET",
      path: "/experiments/{id}/results",
      tags: ["experiments"],
      summary: "Results: per-price metrics, comparisons with the control, SRM check, decision and demand curve",
    },
  })
  .input(z.object({ id: z.uuid("must be an experiment id") }))
  .output(ZExperimentResults)
  .query(({ ctx, input }) => computeResults(ctx, ctx.tenant.tenantId, input.id));
