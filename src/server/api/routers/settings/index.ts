import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { get } from "./get";
import { update } from "./update";
import { usage } from "./usage";

export const settingsRouter = createTRPCRouter({ get, update, usage });
