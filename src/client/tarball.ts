/**
 * The typed client package's name and version; scripts/build-client.ts fails the build
 * when packages/client/package.json or the app's version says otherwise.
 */
export const CLIENT_PACKAGE = { name: "pricing-optimizer", version: "0.1.0" } as const;

/** The typed client's npm tarball, as `npm pack` names it; the deployment serves it under /client/. */
export const CLIENT_TARBALL_FILE = `${CLIENT_PACKAGE.name}-${CLIENT_PACKAGE.version}.tgz`;
export const CLIENT_TARBALL_PATH = `/client/${CLIENT_TARBALL_FILE}`;

/** The command a customer runs to install the client from this deployment. */
export function clientInstallCommand(baseUrl: string): string {
  return `npm install ${baseUrl.replace(/\/+$/, "")}${CLIENT_TARBALL_PATH}`;
}
