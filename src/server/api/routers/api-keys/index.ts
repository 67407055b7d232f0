import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { create, list, revoke } from "./procedures";

export const apiKeysRouter = createTRPCRouter({ create, list, revoke });
