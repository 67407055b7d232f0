import "server-only";
import { z } from "zod";
import { ZRole } from "@/shared/schemas/members";

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
