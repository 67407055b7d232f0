import { oneOfParser } from "./one-of";

/** Secret keys (po_sk_…) are for servers; publishable keys (po_pk_…) may only assign and track, from allowed origins. */
export const API_KEY_KINDS = ["secret", "publishable"] as const;
export type ApiKeyKind = (typeof API_KEY_KINDS)[number];
export const parseApiKeyKind = oneOfParser("API key kind", API_KEY_KINDS);
