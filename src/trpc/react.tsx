"use client";

import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useRef, useState } from "react";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { MAX_BATCH_CALLS } from "@/shared/api-limits";
import { makeQueryClient } from "./query-client";
import { readTenantCookie } from "./tenant-cookie";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  // On the server every render gets a fresh client so that users never share a cache.
  if (typeof window === "undefined") return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

/**
 * `tenantId` is the tenant the dashboard layout resolved for this user (from the
 * tenant cookie, checked against their memberships); every call sends it as `x-tenant-id`.
 */
export function TRPCReactProvider({ children, tenantId }: { children: ReactNode; tenantId?: string | null }) {
  const queryClient = getQueryClient();
  const tenantRef = useRef(tenantId ?? null);
  tenantRef.current = tenantId ?? null;
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          transformer: superjson,
          maxItems: MAX_BATCH_CALLS,
          headers() {
            const chosen = tenantRef.current ?? readTenantCookie();
            return chosen ? { "x-tenant-id": chosen } : {};
          },
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
