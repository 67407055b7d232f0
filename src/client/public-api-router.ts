// The one place the client reads the server's types. The published package does not
// ship this file: scripts/build-client.ts replaces it with the router's shape written
// out in plain types (inputs, outputs, error shape), so no server source travels.
export type { PublicApiRouter } from "../server/api/root";
