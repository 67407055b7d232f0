import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { listExperiments, ZListExperimentsInput } from "@/server/experiments/list-experiments";
import { ZExperimentOutput } from "@/server/experiments/schemas";

export const list = tenantProcedure("member")
  .meta({ openapi: { method: "GET", path: "/experiments", tags: ["experiments"], summary: "List experiments" } })
  .input(ZListExperimentsInput)
  .output(z.object({ items: z.array(ZExperimentOutput), nextCursor: z.uuid().nullable() }))
  .query(({ ctx, input }) => listExperiments(ctx.db, ctx.tenant.tenantId, input));
