import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { cookies, headers } from "next/headers";
import { createElement, cache, type ReactNode } from "react";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";
import { requestIdFrom } from "@/server/lib/request-id";
import { makeQueryClient } from "./query-client";
import { TENANT_COOKIE } from "./tenant-cookie";

// Server components call procedures in-process with the visitor's own cookies,
// and the tenant they chose, exactly as the browser's requests would.
const createRscContext = cache(async () => {
  const h = new Headers(await headers());
  h.delete("authorization");
  h.delete("x-api-key");
  h.delete("x-tenant-id");
  const ctx = await createContext({ headers: h, requestId: requestIdFrom(h) });
  const raw = (await cookies()).get(TENANT_COOKIE)?.value;
  const tenantId = raw && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw) ? raw : null;
  const userId = tenantId ? await ctx.getUserId() : null;
  // A stale choice (a tenant the user has left) falls back to their first tenant instead of failing.
  if (tenantId && userId && (await ctx.db.membership.count({ where: { userId, tenantId } })) > 0) {
    ctx.headers.set("x-tenant-id", tenantId);
  }
  return ctx;
});

export const getQueryClient = cache(makeQueryClient);

/** Query options for server components: `await getQueryClient().prefetchQuery(trpc.experiments.get.queryOptions({ id }))`, then <HydrateClient>. */
export const trpc = createTRPCOptionsProxy({ ctx: createRscContext, router: appRouter, queryClient: getQueryClient });

/** Direct calls when a server component needs the data itself (e.g. to redirect). */
export const caller = appRouter.createCaller(createRscContext);

export function HydrateClient({ children }: { children: ReactNode }) {
  return createElement(HydrationBoundary, { state: dehydrate(getQueryClient()) }, children);
}
