import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { track } from "./track";
import { trackBatch } from "./track-batch";

export const eventsRouter = createTRPCRouter({ track, trackBatch });
