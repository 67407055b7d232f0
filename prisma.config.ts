import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { pgConfigFromUrl } from "./src/server/db/pg-config";

// `prisma generate` needs a syntactically valid URL even when no database exists yet.
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/postgres";
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg(pgConfigFromUrl(databaseUrl)),
});
