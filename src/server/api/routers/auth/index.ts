import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { acceptInvitation } from "./accept-invitation";
import { invitation } from "./invitation";
import { me } from "./me";
import { signUp } from "./sign-up";

export const authRouter = createTRPCRouter({ signUp, me, invitation, acceptInvitation });
