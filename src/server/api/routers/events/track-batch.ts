import "server-only";
import { z } from "zod";
import { apiKeyProcedure } from "@/server/api/trpc";
import { trackConversion } from "@/server/events/track-conversion";
import { AppError } from "@/server/lib/app-error";
import { issuesText, zodIssues } from "@/server/lib/issues";
import { log } from "@/server/lib/logger";
import { ZTrackInput, ZTrackOutput } from "./schemas";

const ZItemResult = z.union([
  ZTrackOutput.extend({ index: z.number(), ok: z.literal(true) }),
  z.object({ index: z.number(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);

/**
 * Up to 100 events; each is validated and recorded on its own, so one bad event
 * is rejected with its reason while the others are counted.
 */
export const trackBatch = apiKeyProcedure
  .meta({ openapi: { method: "POST", path: "/track-batch", tags: ["events"], summary: "Report up to 100 conversions" } })
  .input(z.object({ events: z.array(z.unknown()).min(1, "give at least one event").max(100, "at most 100 events per batch") }))
  .output(z.object({ results: z.array(ZItemResult), accepted: z.number(), rejected: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const results: z.infer<typeof ZItemResult>[] = [];
    // Sequential on purpose: events of one visitor keep their order.
    for (const [index, raw] of input.events.entries()) {
      const parsed = ZTrackInput.safeParse(raw);
      if (!parsed.success) {
        const message = issuesText(zodIssues(parsed.error), "event");
        results.push({ index, ok: false, error: { code: "BAD_REQUEST", message } });
        continue;
      }
      try {
        results.push({ index, ok: true, ...(await trackConversion(ctx, ctx.apiKey.tenantId, parsed.data)) });
      } catch (error) {
        // Earlier events are already counted: failing the whole call would invite a retry that counts them twice.
        if (error instanceof AppError) {
          results.push({ index, ok: false, error: { code: error.code, message: error.message } });
        } else {
          log("error", "trackBatch event failed", { requestId: ctx.requestId, index, error: String(error) });
          results.push({ index, ok: false, error: { code: "INTERNAL_SERVER_ERROR", message: `Internal error (request id ${ctx.requestId})` } });
        }
      }
    }
    const accepted = results.filter((r) => r.ok).length;
    return { results, accepted, rejected: results.length - accepted };
  });
