import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const repo = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(repo, "node_modules/.bin", name);

/** What an outside developer writes against the generated types: the whole lifecycle, typed by the document alone. */
export const CLIENT = `import createClient from "openapi-fetch";
import type { components, paths } from "./api.js";

type ErrorResponse = components["schemas"]["ErrorResponse"];

export async function lifecycle(baseUrl: string, apiKey: string, fetch: (req: Request) => Promise<Response>, key: string) {
  const api = createClient<paths>({ baseUrl, fetch, headers: { authorization: \`Bearer \${apiKey}\` } });
  const steps: string[] = [];
  const created = await api.POST("/experiments", {
    body: {
      key,
      name: "Generated client",
      currency: "USD",
      variants: [
        { key: "control", name: "$19", price: "19.00", weight: 1, isControl: true },
        { key: "high", name: "$29", price: "29.00", weight: 1 },
      ],
    },
  });
  if (!created.data) throw new Error(\`create: \${created.error?.message}\`);
  const id: string = created.data.id;
  steps.push(created.data.status);
  const started = await api.POST("/experiments/{id}/start", { params: { path: { id } } });
  steps.push(started.data?.status ?? \`start failed: \${started.error?.message}\`);
  const assigned = await api.POST("/assign", { body: { experimentKey: key, visitorId: "visitor-1" } });
  if (!assigned.data) throw new Error(\`assign: \${assigned.error?.message}\`);
  steps.push(assigned.data.inExperiment ? "assigned" : "not assigned");
  const tracked = await api.POST("/track", {
    body: { experimentKey: key, visitorId: "visitor-1", type: "conversion", revenue: "29.00", idempotencyKey: "order-1" },
  });
  steps.push(tracked.response.ok ? "tracked" : \`track failed: \${tracked.error?.message}\`);
  const results = await api.GET("/experiments/{id}/results", { params: { path: { id } } });
  steps.push(results.response.ok ? "results" : \`results failed: \${results.error?.message}\`);
  for (const action of ["pause", "resume"] as const) {
    const res = await api.POST(\`/experiments/{id}/\${action}\`, { params: { path: { id } } });
    steps.push(res.data?.status ?? \`\${action} failed: \${res.error?.message}\`);
  }
  const completed = await api.POST("/experiments/{id}/complete", { params: { path: { id } }, body: { winningVariantKey: "high" } });
  steps.push(\`\${completed.data?.status}:\${completed.data?.winningVariantKey}\`);
  const refused = await api.POST("/assign", { body: { experimentKey: key, visitorId: "" } });
  const error: ErrorResponse | undefined = refused.error;
  return { steps, refused: { status: refused.response.status, appCode: error?.appCode, message: error?.message, paths: error?.issues.map((i) => i.path) } };
}
`;

export interface LifecycleResult {
  steps: string[];
  refused: unknown;
}
export type Lifecycle = (baseUrl: string, apiKey: string, fetch: (req: Request) => Promise<Response>, key: string) => Promise<LifecycleResult>;

/**
 * Generates types from an OpenAPI document with openapi-typescript into a scratch folder
 * outside the repository, compiles CLIENT against them with strict tsc, and loads it.
 */
export async function generatedClient(documentJson: string): Promise<{ lifecycle: Lifecycle; cleanup: () => void }> {
  const scratch = mkdtempSync(path.join(tmpdir(), "po-rest-client-"));
  writeFileSync(path.join(scratch, "openapi.json"), documentJson);
  execFileSync(bin("openapi-typescript"), [path.join(scratch, "openapi.json"), "-o", path.join(scratch, "api.d.ts")], { stdio: "pipe" });
  writeFileSync(path.join(scratch, "client.ts"), CLIENT);
  writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(path.join(repo, "node_modules"), path.join(scratch, "node_modules"), "dir");
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noUncheckedIndexedAccess: true,
      target: "es2022",
      module: "nodenext",
      moduleResolution: "nodenext",
      skipLibCheck: true,
      outDir: "out",
      lib: ["es2022", "dom"],
    },
    files: ["client.ts"],
  };
  writeFileSync(path.join(scratch, "tsconfig.json"), JSON.stringify(tsconfig));
  try {
    execFileSync(bin("tsc"), ["-p", scratch], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`the generated client does not compile:\n${String((error as { stdout?: Buffer }).stdout ?? error)}`);
  }
  const { lifecycle } = (await import(pathToFileURL(path.join(scratch, "out/client.js")).href)) as { lifecycle: Lifecycle };
  return { lifecycle, cleanup: () => rmSync(scratch, { recursive: true, force: true }) };
}
