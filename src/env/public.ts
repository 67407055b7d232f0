// Client-side configuration. Next inlines NEXT_PUBLIC_* at build time, so this
// literal read is how browser code gets it; src/env/schema.ts validates the value.
export const PUBLIC_API_URL: string | undefined = process.env.NEXT_PUBLIC_API_URL || undefined;

/** Where outside callers reach this deployment: NEXT_PUBLIC_API_URL, else the page's own origin. */
export function publicBaseUrl(origin: string): string {
  return (PUBLIC_API_URL ?? origin).replace(/\/+$/, "");
}
