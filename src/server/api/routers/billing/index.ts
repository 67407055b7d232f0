import "server-only";
import { createTRPCRouter } from "@/server/api/trpc";
import { checkout } from "./checkout";
import { portal } from "./portal";
import { status } from "./status";

export const billingRouter = createTRPCRouter({ status, checkout, portal });
