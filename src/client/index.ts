import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient, TRPCClientError } from "@trpc/client";
// Named imports rather than the default export: superjson is ESM-only, and the
// CommonJS build's require() of it yields the module namespace, where these exist too.
import { deserialize, serialize } from "superjson";
import type { PublicApiRouter } from "./public-api-router";

/**
 * The server refuses tRPC batches of more calls than this (src/shared/api-limits.ts's
 * MAX_BATCH_CALLS; a test keeps the two equal). Written out here because the package
 * is built from this one file.
 */
export const MAX_BATCH_CALLS = 50;

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
export function createPricingClient(options: PricingClientOptions): TRPCClient<PublicApiRouter> {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/api/trpc`;
  const linkOptions = {
    url,
    transformer: { serialize, deserialize },
    fetch: options.fetch,
    headers: () => ({ ...options.headers, authorization: `Bearer ${options.apiKey}` }),
  };
  return createTRPCClient<PublicApiRouter>({
    links: [options.batch === false ? httpLink(linkOptions) : httpBatchLink({ ...linkOptions, maxItems: MAX_BATCH_CALLS })],
  });
}

export type PricingClient = TRPCClient<PublicApiRouter>;
export type { PublicApiRouter };
export { TRPCClientError };
