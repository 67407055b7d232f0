import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { list } from "./list";

export const auditRouter = createTRPCRouter({ list });
