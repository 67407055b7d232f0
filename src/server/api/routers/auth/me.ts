import "server-only";
import { z } from "zod";
import { signedInProcedure } from "@/server/api/trpc";
import { ZRole } from "@/shared/schemas/members";
import { myAccount } from "@/server/tenants/my-tenants";

export const me = signedInProcedure
  .output(
    z.object({
      userId: z.uuid(),
      email: z.string(),
      name: z.string().nullable(),
      tenants: z.array(z.object({ id: z.uuid(), name: z.string(), plan: z.string(), role: ZRole })),
    }),
  )
  .query(({ ctx }) => myAccount(ctx.db, ctx.userId));
