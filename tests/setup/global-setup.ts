import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../src/server/db/embedded-postgres";
import { migrateDeploy } from "../../src/server/db/migrate";
import { createScratchDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
    embedded: boolean;
  }
}

/**
 * One migrated database for the whole run: a fresh database on DATABASE_URL's
 * server when it is set, otherwise an in-memory embedded PostgreSQL (PGlite).
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const scratch = await createScratchDatabase(serverUrl, "test");
    await migrateDeploy(scratch.url);
    project.provide("databaseUrl", scratch.url);
    project.provide("serverUrl", serverUrl);
    project.provide("embedded", false);
    console.log(`[tests] PostgreSQL: fresh database ${new URL(scratch.url).pathname.slice(1)} on ${new URL(serverUrl).host}`);
    return async () => {
      await scratch.drop();
    };
  }
  const pg = await startEmbeddedPostgres();
  await migrateDeploy(pg.url);
  project.provide("databaseUrl", pg.url);
  project.provide("serverUrl", pg.url);
  project.provide("embedded", true);
  console.log("[tests] DATABASE_URL not set: using an embedded PostgreSQL (PGlite) in memory");
  return async () => {
    await pg.stop();
  };
}
