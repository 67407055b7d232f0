import "server-only";
import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { apiKeysRouter } from "./routers/api-keys";
import { assignmentRouter } from "./routers/assignment";
import { auditRouter } from "./routers/audit";
import { billingRouter } from "./routers/billing";
import { eventsRouter } from "./routers/events";
import { experimentsRouter } from "./routers/experiments";
import { authRouter } from "./routers/auth";
import { membersRouter } from "./routers/members";
import { settingsRouter } from "./routers/settings";
import { systemRouter } from "./routers/system";
import { webhooksRouter } from "./routers/webhooks";

/** What an API key may call: the typed client (`pricing-optimizer/client`) and the REST API expose this. */
export const publicApiRouter = createTRPCRouter({
  assignment: assignmentRouter,
  events: eventsRouter,
  experiments: experimentsRouter,
  system: systemRouter,
});

export const appRouter = createTRPCRouter({
  apiKeys: apiKeysRouter,
  audit: auditRouter,
  auth: authRouter,
  billing: billingRouter,
  members: membersRouter,
  settings: settingsRouter,
  webhooks: webhooksRouter,
  assignment: assignmentRouter,
  events: eventsRouter,
  experiments: experimentsRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
export type PublicApiRouter = typeof publicApiRouter;
export const createCaller = createCallerFactory(appRouter);
