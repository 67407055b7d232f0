import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { ZExperimentOutput } from "@/server/experiments/schemas";
import { ZUpdateExperimentInput } from "@/shared/schemas/experiments";
import { updateExperiment } from "@/server/experiments/update-experiment";

export const update = tenantProcedure("admin")
  .meta({ openapi: { method: "PATCH", path: "/experiments/{id}", tags: ["experiments"], summary: "Update an experiment" } })
  .input(ZUpdateExperimentInput)
  .output(ZExperimentOutput)
  .mutation(({ ctx, input }) => updateExperiment(ctx, ctx.tenant.tenantId, ctx.tenant.actor, input));
