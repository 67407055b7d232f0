import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { env } from "@/env";
import { pgConfigFromUrl } from "./pg-config";

export type Db = PrismaClient;

export function createDb(databaseUrl: string, poolSize = 10): Db {
  const adapter = new PrismaPg({ ...pgConfigFromUrl(databaseUrl), max: poolSize });
  return new PrismaClient({ adapter });
}

// One client per process; in development the module is re-evaluated on every
// hot reload, so the instance is kept on globalThis instead.
const globalForDb = globalThis as { __poDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__poDb) {
    if (!env.DATABASE_URL) {
      throw new Error("DATABASE_URL is not set. Start the app with `npm run dev` (embedded PostgreSQL) or set DATABASE_URL.");
    }
    globalForDb.__poDb = createDb(env.DATABASE_URL, env.DATABASE_POOL_SIZE);
  }
  return globalForDb.__poDb;
}
