import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { listReweightHistory, ZReweightHistory, ZReweightHistoryInput } from "@/server/bandit/reweight-history";

export const reweightHistory = tenantProcedure("member")
  .meta({
    openapi: {
      method: "GET",
      path: "/experiments/{id}/reweights",
      tags: ["experiments"],
      summary: "Bandit reweight history: weights by variant over time",
    },
  })
  .input(ZReweightHistoryInput)
  .output(ZReweightHistory)
  .query(({ ctx, input }) => listReweightHistory(ctx.db, ctx.tenant.tenantId, input.id));
