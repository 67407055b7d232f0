import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// Lints code held in memory under the project's own eslint.config.mjs: filePath only decides
// which of the config's blocks apply, so the files named here need not exist.
// The type-aware rules need the file on disk (TypeScript's project service reads it), so they are
// switched off here; the boundary rules read only the import statements.
const eslint = new ESLint({
  cwd: path.resolve(import.meta.dirname, "../.."),
  overrideConfig: {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "@typescript-eslint/await-thenable": "off",
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
    },
  },
});

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // A file ESLint could not parse has no rule messages at all: say so rather than pass.
  const fatal = (result?.messages ?? []).find((m) => m.fatal);
  if (fatal) throw new Error(`ESLint could not lint ${filePath}: ${fatal.message}`);
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports" || m.ruleId === "boundary/use-client")
    .map((m) => m.message);
}

const CLIENT = /Browser code must not import server code/;
const SHARED = /src\/shared is imported by the browser too/;

describe("the server/client import boundary", () => {
  it("fails a component that imports the database module", async () => {
    const errors = await boundaryErrors(
      "src/components/experiments/new-panel.tsx",
      'import { getDb } from "@/server/db";\n\nexport const db = getDb;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(CLIENT);
  });

  it("fails a component that reaches the server by a relative path or imports a server-only package", async () => {
    const errors = await boundaryErrors(
      "src/components/experiments/new-panel.tsx",
      'import { getDb } from "../../server/db";\nimport { Pool } from "pg";\nimport { cookies } from "next/headers";\n\nexport const all = [getDb, Pool, cookies];\n',
    );
    expect(errors).toHaveLength(3);
    for (const error of errors) expect(error).toMatch(CLIENT);
  });

  it('fails a "use client" file outside src/components that imports a server value', async () => {
    const errors = await boundaryErrors(
      "src/app/(dashboard)/new-page/client-part.tsx",
      '"use client";\n\nimport { ROLES } from "@/server/members/schemas";\n\nexport const roles = ROLES;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(CLIENT);
  });

  it("passes a component that imports only types from the server", async () => {
    const errors = await boundaryErrors(
      "src/components/experiments/new-panel.tsx",
      'import type { Db } from "@/server/db";\nimport { type TRole } from "@/server/members/schemas";\n\nexport type Both = [Db, TRole];\n',
    );
    expect(errors).toEqual([]);
  });

  it("passes a server module and a server page that import the database module", async () => {
    const code = 'import { getDb } from "@/server/db";\n\nexport const db = getDb;\n';
    expect(await boundaryErrors("src/server/experiments/new-service.ts", code)).toEqual([]);
    expect(await boundaryErrors("src/app/(dashboard)/new-page/page.tsx", code)).toEqual([]);
  });

  it("fails a form that imports a zod schema from a server module (schemas the browser uses live in src/shared)", async () => {
    const errors = await boundaryErrors(
      "src/components/auth/sign-up-form.tsx",
      '"use client";\n\nimport { ZSignUpInput } from "@/server/tenants/schemas";\n\nexport const schema = ZSignUpInput;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/'@\/server\/tenants\/schemas'/);
  });

  it("fails a src/shared module that imports even a type from the server", async () => {
    const errors = await boundaryErrors(
      "src/shared/new-vocabulary.ts",
      'import type { TRole } from "@/server/members/schemas";\n\nexport type Role = TRole;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(SHARED);
  });

  it("fails a service that imports tRPC (services throw AppError; src/server/api maps it)", async () => {
    const code = 'import { TRPCError } from "@trpc/server";\n\nexport const refuse = () => new TRPCError({ code: "NOT_FOUND" });\n';
    const errors = await boundaryErrors("src/server/experiments/new-service.ts", code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Services throw AppError/);
    expect(await boundaryErrors("src/server/api/routers/experiments/new-procedure.ts", code)).toEqual([]);
  });
});
