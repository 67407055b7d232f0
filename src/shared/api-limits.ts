// Limits of the HTTP API that clients must respect too (the typed client and the
// dashboard split their batches by MAX_BATCH_CALLS), so they live outside src/server.

/** Largest request body accepted on /api/trpc and /api/v1 (1 MiB); larger is 413 before parsing. */
export const MAX_REQUEST_BODY_BYTES = 1_048_576;

/**
 * Most procedure calls in one tRPC batch request. One `events.track` per call is
 * the wrong tool for bulk: `events.trackBatch` takes up to 100 events in one call.
 */
export const MAX_BATCH_CALLS = 50;
