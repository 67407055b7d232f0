import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { changeRole } from "./change-role";
import { invite } from "./invite";
import { list } from "./list";
import { remove } from "./remove";
import { revokeInvitation } from "./revoke-invitation";

export const membersRouter = createTRPCRouter({ list, invite, changeRole, remove, revokeInvitation });
