import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { assign } from "./assign";
import { assignMany } from "./assign-many";

export const assignmentRouter = createTRPCRouter({ assign, assignMany });
