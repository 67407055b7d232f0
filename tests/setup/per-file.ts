import { randomBytes } from "node:crypto";
import { inject } from "vitest";

// Runs before each test file's imports, so src/env sees the test database and
// test secrets (instead of warning that it generated development ones).
process.env.DATABASE_URL = inject("databaseUrl");
for (const name of ["JWT_SECRET", "NEXTAUTH_SECRET", "API_KEY_ENCRYPTION_KEY"]) process.env[name] ??= randomBytes(32).toString("hex");
