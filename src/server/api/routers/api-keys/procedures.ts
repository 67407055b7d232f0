import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/api-keys/manage-api-keys";
import { API_KEY_KINDS } from "@/shared/domain/api-keys";
import { zText } from "@/shared/schemas/zod-text";

const ZKind = z.enum(API_KEY_KINDS);

export const create = tenantProcedure("admin", { sessionOnly: true })
  .input(z.object({ kind: ZKind, name: zText({ min: 1, max: 255, trim: true }) }))
  .output(z.object({ id: z.uuid(), kind: ZKind, name: z.string(), prefix: z.string(), createdAt: z.date(), key: z.string() }))
  .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.tenant.tenantId, ctx.tenant.actor, input));

export const list = tenantProcedure("admin", { sessionOnly: true })
  .output(
    z.array(
      z.object({
        id: z.uuid(),
        kind: ZKind,
        name: z.string(),
        prefix: z.string(),
        createdAt: z.date(),
        lastUsedAt: z.date().nullable(),
        revokedAt: z.date().nullable(),
      }),
    ),
  )
  .query(({ ctx }) => listApiKeys(ctx.db, ctx.tenant.tenantId));

export const revoke = tenantProcedure("admin", { sessionOnly: true })
  .input(z.object({ id: z.uuid("must be an API key id") }))
  .output(z.object({ id: z.uuid(), revokedAt: z.date() }))
  .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.tenant.tenantId, ctx.tenant.actor, input.id));
