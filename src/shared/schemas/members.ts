import { z } from "zod";
import { ROLES } from "@/shared/domain/members";
import { ZEmail } from "./tenants";

export const ZRole = z.enum(ROLES, { error: "must be owner, admin or member" });

export const ZInviteInput = z.object({ email: ZEmail, role: ZRole });
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZChangeRoleInput = z.object({ userId: z.uuid("must be a user id"), role: ZRole });
