import "server-only";
import { z } from "zod";
import { apiKeyProcedure } from "@/server/api/trpc";
import { assignVariant } from "@/server/assignment/assign-variant";
import { AppError } from "@/server/lib/app-error";
import { ZKey } from "@/shared/schemas/experiments";
import { ZAssignOutput, ZVisitorId } from "./schemas";

const ZResult = z.union([
  ZAssignOutput.extend({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), experimentKey: z.string(), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/** Several experiments on one page: each key answers on its own, an unknown key does not fail the rest. */
export const assignMany = apiKeyProcedure
  .meta({ openapi: { method: "POST", path: "/assign-many", tags: ["assignment"], summary: "Assign one visitor in several experiments" } })
  .input(
    z.object({
      visitorId: ZVisitorId,
      experimentKeys: z.array(ZKey).min(1, "give at least one experiment key").max(20, "at most 20 experiment keys"),
    }),
  )
  .output(z.object({ results: z.array(ZResult) }))
  .mutation(async ({ ctx, input }) => {
    const keys = [...new Set(input.experimentKeys)];
    const results = await Promise.all(
      keys.map(async (experimentKey) => {
        try {
          return { ok: true as const, ...(await assignVariant(ctx, ctx.apiKey.tenantId, { experimentKey, visitorId: input.visitorId })) };
        } catch (error) {
          if (error instanceof AppError && error.code === "NOT_FOUND") {
            return { ok: false as const, experimentKey, error: { code: "NOT_FOUND", message: error.message } };
          }
          throw error;
        }
      }),
    );
    return { results };
  });
