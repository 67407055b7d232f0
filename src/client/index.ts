import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import type { PublicApiRouter } from "../server/api/root";
import { MAX_BATCH_CALLS } from "../shared/api-limits";

export interface PricingClientOptions {
  /** Where Pricing Optimizer runs, e.g. https://prices.example.com (no trailing /api). */
  baseUrl: string;
  /** A secret key (po_sk_…, servers only) or a publishable key (po_pk_…, browsers: assign and track). */
  apiKey: string;
  /** Batch calls made in the same tick into one HTTP request (default true). */
  batch?: boolean;
  fetch?: typeof globalThis.fetch;
  headers?: Record<string, string>;
}

/**
 * A typed tRPC client for what an API key may call:
 * `client.assignment.assign.mutate({ experimentKey, visitorId })`,
 * `client.events.track.mutate({ experimentKey, visitorId, type: "conversion", revenue: "19.00" })`.
 */
export function createPricingClient(options: PricingClientOptions) {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/api/trpc`;
  const linkOptions = {
    url,
    transformer: superjson,
    fetch: options.fetch,
    headers: () => ({ ...options.headers, authorization: `Bearer ${options.apiKey}` }),
  };
  return createTRPCClient<PublicApiRouter>({
    links: [options.batch === false ? httpLink(linkOptions) : httpBatchLink({ ...linkOptions, maxItems: MAX_BATCH_CALLS })],
  });
}

export type PricingClient = ReturnType<typeof createPricingClient>;
export type { PublicApiRouter };
export { TRPCClientError };
