import { z } from "zod";
import { ZEmail } from "@/server/tenants/schemas";

export const ROLES = ["owner", "admin", "member"] as const;
export const ZRole = z.enum(ROLES, { error: "must be owner, admin or member" });
export type TRole = z.infer<typeof ZRole>;

export const ZInviteInput = z.object({ email: ZEmail, role: ZRole });
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZChangeRoleInput = z.object({ userId: z.uuid("must be a user id"), role: ZRole });

export const ZMemberOutput = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: ZRole,
  joinedAt: z.date(),
});

export const ZInvitationOutput = z.object({
  id: z.uuid(),
  email: z.string(),
  role: ZRole,
  expiresAt: z.date(),
  createdAt: z.date(),
});
