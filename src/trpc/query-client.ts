import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** One QueryClient per browser tab, one per server request; both speak superjson across the hydration boundary. */
export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: (count, error) => count < 2 && !isClientError(error) },
      // Only settled data crosses to the browser: the pages render with useQuery, which
      // would otherwise hydrate a pending query and mismatch the server's HTML.
      dehydrate: { serializeData: superjson.serialize, shouldDehydrateQuery: defaultShouldDehydrateQuery },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

// 4xx answers (not found, forbidden, bad input) do not get better by asking again.
function isClientError(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("data" in error)) return false;
  const data = (error as { data?: { httpStatus?: unknown } }).data;
  return typeof data?.httpStatus === "number" && data.httpStatus >= 400 && data.httpStatus < 500;
}
