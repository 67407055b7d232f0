import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { ZExperimentOutput } from "@/server/experiments/schemas";
import { ZKey } from "@/shared/schemas/experiments";
import { transitionExperiment } from "@/server/experiments/transition-experiment";
import type { Transition } from "@/shared/domain/lifecycle";

const ZId = z.object({ id: z.uuid("must be an experiment id") });

function lifecycle(action: Exclude<Transition, "complete">) {
  return tenantProcedure("admin")
    .meta({ openapi: { method: "POST", path: `/experiments/{id}/${action}`, tags: ["experiments"], summary: `${action} an experiment` } })
    .input(ZId)
    .output(ZExperimentOutput)
    .mutation(({ ctx, input }) => transitionExperiment(ctx, ctx.tenant.tenantId, ctx.tenant.actor, { id: input.id, action }));
}

export const start = lifecycle("start");
export const pause = lifecycle("pause");
export const resume = lifecycle("resume");
export const archive = lifecycle("archive");

export const complete = tenantProcedure("admin")
  .meta({ openapi: { method: "POST", path: "/experiments/{id}/complete", tags: ["experiments"], summary: "Complete with a winner" } })
  .input(ZId.extend({ winningVariantKey: ZKey }))
  .output(ZExperimentOutput)
  .mutation(({ ctx, input }) =>
    transitionExperiment(ctx, ctx.tenant.tenantId, ctx.tenant.actor, {
      id: input.id,
      action: "complete",
      winningVariantKey: input.winningVariantKey,
    }),
  );
