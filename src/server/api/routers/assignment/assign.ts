import "server-only";
import { apiKeyProcedure } from "@/server/api/trpc";
import { assignVariant } from "@/server/assignment/assign-variant";
import { ZAssignInput, ZAssignOutput } from "./schemas";

export const assign = apiKeyProcedure
  .meta({ openapi: { method: "POST", path: "/assign", tags: ["assignment"], summary: "The price a visitor sees (sticky)" } })
  .input(ZAssignInput)
  .output(ZAssignOutput)
  .mutation(({ ctx, input }) => assignVariant(ctx, ctx.apiKey.tenantId, input));
