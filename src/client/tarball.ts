import clientPackage from "../../packages/client/package.json";

/** The typed client's npm tarball, as `npm pack` names it; the deployment serves it under /client/. */
export const CLIENT_TARBALL_FILE = `${clientPackage.name}-${clientPackage.version}.tgz`;
export const CLIENT_TARBALL_PATH = `/client/${CLIENT_TARBALL_FILE}`;

/** The command a customer runs to install the client from this deployment. */
export function clientInstallCommand(baseUrl: string): string {
  return `npm install ${baseUrl.replace(/\/+$/, "")}${CLIENT_TARBALL_PATH}`;
}
