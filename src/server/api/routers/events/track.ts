import "server-only";
import { apiKeyProcedure } from "@/server/api/trpc";
import { trackConversion } from "@/server/events/track-conversion";
import { ZTrackInput, ZTrackOutput } from "./schemas";

export const track = apiKeyProcedure
  .meta({ openapi: { method: "POST", path: "/track", tags: ["events"], summary: "Report a conversion and its revenue" } })
  .input(ZTrackInput)
  .output(ZTrackOutput)
  .mutation(({ ctx, input }) => trackConversion(ctx, ctx.apiKey.tenantId, input));
