import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { findExperimentOrThrow } from "@/server/experiments/find-experiment";
import { ZExperimentOutput } from "@/server/experiments/schemas";
import { serializeExperiment } from "@/server/experiments/serialize";

export const get = tenantProcedure("member")
  .meta({ openapi: { method: "GET", path: "/experiments/{id}", tags: ["experiments"], summary: "Get an experiment" } })
  .input(z.object({ id: z.uuid("must be an experiment id") }))
  .output(ZExperimentOutput)
  .query(async ({ ctx, input }) => serializeExperiment(await findExperimentOrThrow(ctx.db, ctx.tenant.tenantId, input.id)));
