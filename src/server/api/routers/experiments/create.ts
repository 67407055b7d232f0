import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { createExperiment } from "@/server/experiments/create-experiment";
import { ZExperimentOutput } from "@/server/experiments/schemas";
import { ZCreateExperimentInput } from "@/shared/schemas/experiments";

export const create = tenantProcedure("admin")
  .meta({ openapi: { method: "POST", path: "/experiments", tags: ["experiments"], summary: "Create an experiment (draft)" } })
  .input(ZCreateExperimentInput)
  .output(ZExperimentOutput)
  .mutation(({ ctx, input }) => createExperiment(ctx, ctx.tenant.tenantId, ctx.tenant.actor, input));
