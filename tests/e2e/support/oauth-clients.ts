/** The OAuth apps the local provider (oauth-server.ts) knows; playwright.config gives the app the same. */
export const OAUTH_CLIENTS = {
  github: { id: "e2e-github-client", secret: "e2e-github-secret-0123456789" },
  google: { id: "e2e-google-client.apps.example", secret: "e2e-google-secret-0123456789" },
} as const;
