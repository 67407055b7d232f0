import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { whoami } from "./whoami";

export const systemRouter = createTRPCRouter({ whoami });
