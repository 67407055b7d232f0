import "server-only";
import { z } from "zod";
import { tenantProcedure } from "@/server/api/trpc";
import { listMembers } from "@/server/members/manage-members";
import { ZInvitationOutput, ZMemberOutput } from "@/server/members/schemas";

export const list = tenantProcedure("member", { sessionOnly: true })
  .output(z.object({ members: z.array(ZMemberOutput), invitations: z.array(ZInvitationOutput) }))
  .query(({ ctx }) => listMembers(ctx.db, ctx.tenant.tenantId));
