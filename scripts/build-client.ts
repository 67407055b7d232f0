/**
 * Builds the typed client as a real npm package (packages/client): ESM and CommonJS
 * JavaScript plus one .d.ts in which the public router is written out as plain types
 * (every procedure's input and output, the error shape), so nothing from the server's
 * source tree or its types (Prisma, the tRPC context) travels. Then packs it into
 * public/client/, where the deployment serves it for `npm install <url>`.
 *
 *   tsx scripts/build-client.ts [--no-pack]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { CLIENT_PACKAGE, CLIENT_TARBALL_FILE } from "../src/client/tarball";

const root = path.resolve(import.meta.dirname, "..");
const pkgDir = path.join(root, "packages/client");
const dist = path.join(pkgDir, "dist");
const entry = path.join(root, "src/client/index.ts");
const probeFile = path.join(root, "src/client/__router-shape__.ts");

// The error shape callers read (src/server/api/trpc.ts's formatter); the build checks the server still fits it.
const ERROR_SHAPE = `{
  message: string;
  code: TRPC_ERROR_CODE_NUMBER;
  data: {
    code: TRPC_ERROR_CODE_KEY;
    httpStatus: number;
    path?: string;
    /** A stable machine code, e.g. VISITOR_NOT_ASSIGNED or INVALID_INPUT. */
    appCode: string | null;
    requestId: string | null;
    /** Each field the error is about, with its full path (["variants", 1, "price"]); [] when none. */
    issues: { path: (string | number)[]; message: string }[];
    /** zod's flattened errors (nested paths cut to their first segment); kept for existing callers, prefer issues. */
    zodError: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> } | null;
  };
}`;

// What the build reads from the server: one walk over the public router's record.
const PROBE = `
import type { PublicApiRouter } from "./public-api-router";
type Walk<T> = {
  [K in keyof T]: T[K] extends { _def: { procedure: true; type: infer Kind; $types: { input: infer I; output: infer O } } }
    ? { __procedure: Kind; input: I; output: O }
    : T[K] extends { _def: { record: infer Rec } } ? Walk<Rec> : Walk<T[K]>;
};
export type Shape = Walk<PublicApiRouter["_def"]["record"]>;
export type ErrorShape = PublicApiRouter["_def"]["_config"]["$types"]["errorShape"];
import type { TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODE_NUMBER } from "@trpc/server";
type Promised = ${ERROR_SHAPE};
type Fits<T extends Promised> = T;
export type ErrorShapeFits = Fits<ErrorShape>;
`;

const FORMAT = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias;

function compilerOptions(): ts.CompilerOptions {
  const file = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, root);
  return { ...parsed.options, noEmit: true, incremental: false, plugins: [] };
}

function fail(message: string): never {
  console.error(`[build-client] ${message}`);
  process.exit(1);
}

/** The router's procedures as TypeScript source: `{ assignment: { assign: TRPCMutationProcedure<…> } }`. */
function routerRecordSource(): string {
  const options = compilerOptions();
  writeFileSync(probeFile, PROBE);
  try {
    const program = ts.createProgram([probeFile, entry], options);
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(probeFile) ?? fail("probe file missing");
    const moduleSymbol = checker.getSymbolAtLocation(source) ?? fail("probe module missing");
    const exports = checker.getExportsOfModule(moduleSymbol);
    const typeOf = (name: string) => checker.getDeclaredTypeOfSymbol(exports.find((s) => s.name === name) ?? fail(`no ${name}`));
    const text = (type: ts.Type) => checker.typeToString(type, undefined, FORMAT);

    // The package promises ERROR_SHAPE; the server's formatter must still produce it.
    const problems = ts.getPreEmitDiagnostics(program, source).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (problems.length)
      fail(`the server's error shape no longer fits ERROR_SHAPE:\n${ts.flattenDiagnosticMessageText(problems[0]?.messageText ?? "", "\n")}`);

    const walk = (type: ts.Type, indent: string): string => {
      const lines = checker.getPropertiesOfType(type).map((prop) => {
        const value = checker.getTypeOfSymbol(prop);
        const kind = value.getProperty("__procedure");
        if (kind) {
          const procedureKind = text(checker.getTypeOfSymbol(kind)).replace(/"/g, "");
          const wrapper =
            procedureKind === "query"
              ? "TRPCQueryProcedure"
              : procedureKind === "mutation"
                ? "TRPCMutationProcedure"
                : fail(`${prop.name}: ${procedureKind}`);
          const input = text(checker.getTypeOfSymbol(value.getProperty("input") ?? fail("no input")));
          const output = text(checker.getTypeOfSymbol(value.getProperty("output") ?? fail("no output")));
          return `${indent}${prop.name}: ${wrapper}<{\n${indent}  input: ${input};\n${indent}  output: ${output};\n${indent}  meta: object;\n${indent}}>;`;
        }
        return `${indent}${prop.name}: {\n${walk(value, `${indent}  `)}\n${indent}};`;
      });
      return lines.join("\n");
    };
    return `{\n${walk(typeOf("Shape"), "  ")}\n}`;
  } finally {
    rmSync(probeFile, { force: true });
  }
}

/** index.d.ts: the client's own declarations, with the router type inlined in place of its import. */
function declarations(routerRecord: string): string {
  const options: ts.CompilerOptions = {
    ...compilerOptions(),
    declaration: true,
    emitDeclarationOnly: true,
    noEmit: false,
    allowImportingTsExtensions: false,
    outDir: dist,
    rootDir: path.dirname(entry),
    paths: {},
  };
  let emitted = "";
  // The router's import is stubbed: this program must not load the server, only the client's own file.
  const host = ts.createCompilerHost(options);
  const stubPath = path.join(path.dirname(entry), "public-api-router.ts");
  const readFile = host.readFile.bind(host);
  host.readFile = (file) =>
    path.resolve(file) === stubPath ? 'export type PublicApiRouter = import("@trpc/server").AnyTRPCRouter;\n' : readFile(file);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, create) =>
    path.resolve(file) === stubPath ? ts.createSourceFile(file, host.readFile(file) ?? "", lang) : getSourceFile(file, lang, onError, create);
  const program = ts.createProgram([entry], options, host);
  const result = program.emit(program.getSourceFile(entry), (name, text) => {
    if (name.endsWith("index.d.ts")) emitted = text;
  });
  const errors = ts
    .getPreEmitDiagnostics(program)
    .concat(result.diagnostics)
    .filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length) fail(ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" }));
  const importLine = /^import type \{ PublicApiRouter \} from "\.\/public-api-router";\n/m;
  if (!importLine.test(emitted)) fail("index.d.ts does not import PublicApiRouter as expected");
  const router = [
    'import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure, TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODE_NUMBER } from "@trpc/server";',
    "/** What an API key may call: every procedure's input and output, as the server checks them. */",
    `type PublicApiRouter = TRPCBuiltRouter<{\n  ctx: object;\n  meta: object;\n  errorShape: ${ERROR_SHAPE.replace(/\n/g, "\n  ")};\n  transformer: true;\n}, ${routerRecord}>;`,
    "",
  ].join("\n");
  const out = emitted.replace(importLine, `${router}`);
  // Nothing of the server may leak: no path into src/, no Prisma, no context.
  for (const forbidden of ["/server/", "@/", "prisma", "Prisma", 'import("']) {
    if (out.includes(forbidden)) fail(`index.d.ts mentions ${JSON.stringify(forbidden)}; the public types must be self-contained`);
  }
  // Printed once more so the inlined types read like hand-written ones (one member per line).
  const pretty = ts
    .createPrinter({ newLine: ts.NewLineKind.LineFeed })
    .printFile(ts.createSourceFile("index.d.ts", out, ts.ScriptTarget.ES2022, true));
  return `// Generated by scripts/build-client.ts from the server's public router. Do not edit.\n${pretty}`;
}

/** ESM and CommonJS builds of the client's one source file (its only imports are packages). */
function javascript(format: ts.ModuleKind): string {
  const out = ts.transpileModule(readFileSync(entry, "utf8"), {
    compilerOptions: { module: format, target: ts.ScriptTarget.ES2020, esModuleInterop: true, verbatimModuleSyntax: false, removeComments: false },
    fileName: entry,
  });
  return out.outputText;
}

function main() {
  const rootPkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
  const clientPkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string; dependencies: Record<string, string> };
  if (clientPkg.version !== CLIENT_PACKAGE.version || (clientPkg as { name?: string }).name !== CLIENT_PACKAGE.name) {
    fail(`packages/client/package.json is ${JSON.stringify(clientPkg)}, src/client/tarball.ts says ${CLIENT_PACKAGE.name}@${CLIENT_PACKAGE.version}`);
  }
  if (clientPkg.version !== rootPkg.version)
    fail(`packages/client/package.json version ${clientPkg.version} differs from the app's ${rootPkg.version}`);
  for (const dep of ["@trpc/client", "@trpc/server"]) {
    if (clientPkg.dependencies[dep] !== rootPkg.dependencies[dep])
      fail(`packages/client depends on ${dep}@${clientPkg.dependencies[dep]}, the server runs ${rootPkg.dependencies[dep]}`);
  }
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  writeFileSync(path.join(dist, "index.d.ts"), declarations(routerRecordSource()));
  writeFileSync(path.join(dist, "index.mjs"), javascript(ts.ModuleKind.ESNext));
  writeFileSync(path.join(dist, "index.cjs"), javascript(ts.ModuleKind.CommonJS));
  console.log(`[build-client] packages/client/dist: index.mjs, index.cjs, index.d.ts`);
  if (process.argv.includes("--no-pack")) return;
  const destination = path.join(root, "public/client");
  rmSync(destination, { recursive: true, force: true });
  mkdirSync(destination, { recursive: true });
  execFileSync("npm", ["pack", pkgDir, "--pack-destination", destination, "--silent"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  console.log(`[build-client] public/client/${CLIENT_TARBALL_FILE}`);
}

main();
