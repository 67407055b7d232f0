import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { deliveries, rotateSecret, sendTest, status } from "./procedures";

export const webhooksRouter = createTRPCRouter({ status, rotateSecret, sendTest, deliveries });
