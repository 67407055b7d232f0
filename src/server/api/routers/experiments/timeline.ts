import "server-only";
import { tenantProcedure } from "@/server/api/trpc";
import { loadTimeline } from "@/server/snapshots/load-timeline";
import { ZTimeline, ZTimelineInput } from "@/server/snapshots/schemas";

export const timeline = tenantProcedure("member")
  .meta({
    openapi: {
      method: "GET",
      path: "/experiments/{id}/timeline",
      tags: ["experiments"],
      summary: "Cumulative visitors, revenue per visitor and conversion rate by variant over time",
    },
  })
  .input(ZTimelineInput)
  .output(ZTimeline)
  .query(({ ctx, input }) => loadTimeline(ctx, ctx.tenant.tenantId, input.id));
