import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { CLIENT_TARBALL_PATH } from "../../src/client/tarball";
import { adminCli } from "./support/admin";

/**
 * The typed client as a customer gets it: installed from the tarball this deployment
 * serves, into a project outside the repository that has nothing else of it, compiled
 * with tsc and run against the server.
 */

const repoVersion = (name: string) => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")) as { version: string }).version;

// The parent `npm test`'s npm_* settings must not steer the customer's npm.
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.toLowerCase().startsWith("npm_")) delete env[key];
  return env;
}

function run(cwd: string, cmd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...cleanEnv(), ...env }, encoding: "utf8", timeout: 240_000 });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

function filesUnder(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

const CALL = `import { createPricingClient, TRPCClientError } from "pricing-optimizer/client";

const pricing = createPricingClient({ baseUrl: process.env.BASE_URL ?? "", apiKey: process.env.PRICING_KEY ?? "" });
const experiment = await pricing.experiments.create.mutate({
  key: "package-price",
  name: "Package price",
  variants: [
    { key: "low", name: "Low", price: "9.00", weight: 1, isControl: true },
    { key: "high", name: "High", price: 12, weight: 1 },
  ],
});
const started = await pricing.experiments.start.mutate({ id: experiment.id });
const offer = await pricing.assignment.assign.mutate({ experimentKey: "package-price", visitorId: "customer-1" });
const price: string = offer.price;
const tracked = await pricing.events.track.mutate({ experimentKey: "package-price", visitorId: "customer-1", type: "conversion", revenue: price });
let missing: string | null = null;
try {
  await pricing.assignment.assign.mutate({ experimentKey: "no-such-experiment", visitorId: "customer-1" });
} catch (error) {
  if (error instanceof TRPCClientError) missing = String(error.data?.code);
}
console.log(JSON.stringify({ created: experiment.status, status: started.status, price, currency: offer.currency, inExperiment: offer.inExperiment, counted: tracked.counted, missing }));
`;

// A misspelled input field and a misspelled output field: neither may compile.
const TYPO = `import { createPricingClient } from "pricing-optimizer/client";

const pricing = createPricingClient({ baseUrl: "http://localhost", apiKey: "po_sk_x" });
const offer = await pricing.assignment.assign.mutate({ experimentKye: "package-price", visitorId: "customer-1" });
console.log(offer.prise);
`;

const REQUIRE = `const { createPricingClient } = require("pricing-optimizer/client");
createPricingClient({ baseUrl: process.env.BASE_URL, apiKey: process.env.PRICING_KEY })
  .system.whoami.query()
  .then((me) => console.log(JSON.stringify({ tenantName: me.tenantName })));
`;

test("the packaged client installs from this deployment's tarball, type-checks calls, and talks to the server", async ({ baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL ?? "";
  const suffix = Math.random().toString(36).slice(2, 8);
  const tenant = adminCli("tenant:create", "--name", `Package ${suffix}`, "--email", `package-${suffix}@e2e.local`);
  const key = tenant.secretKey ?? "";
  expect(key).toMatch(/^po_sk_/);

  const dir = mkdtempSync(path.join(tmpdir(), "pricing-client-"));
  expect(path.relative(process.cwd(), dir).startsWith("..")).toBe(true);
  try {
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "customer-app", private: true, type: "module" }, null, 2));
    const tsconfig = (files: string[]) =>
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          target: "es2022",
          strict: true,
          skipLibCheck: true,
          outDir: "out",
          types: ["node"],
        },
        files,
      });
    writeFileSync(path.join(dir, "tsconfig.json"), tsconfig(["call.ts"]));
    writeFileSync(path.join(dir, "tsconfig.typo.json"), tsconfig(["typo.ts"]));
    writeFileSync(path.join(dir, "call.ts"), CALL);
    writeFileSync(path.join(dir, "typo.ts"), TYPO);
    writeFileSync(path.join(dir, "require.cjs"), REQUIRE);

    // Exactly the command the onboarding snippet and the README give, plus the customer's own TypeScript.
    const tarball = `${base}${CLIENT_TARBALL_PATH}`;
    const install = run(dir, "npm", [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      tarball,
      `typescript@${repoVersion("typescript")}`,
      `@types/node@${repoVersion("@types/node")}`,
    ]);
    expect(install.status, install.out).toBe(0);

    // What was installed is the built package and nothing of the server.
    const pkgDir = path.join(dir, "node_modules/pricing-optimizer");
    expect(filesUnder(pkgDir).sort()).toEqual(["README.md", "dist/index.cjs", "dist/index.d.ts", "dist/index.mjs", "package.json"]);
    const dts = readFileSync(path.join(pkgDir, "dist/index.d.ts"), "utf8");
    expect(dts).not.toMatch(/prisma|src\/server|@\/|PrismaClient|\bctx: \{/i);
    const manifest = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@trpc/client", "@trpc/server", "superjson"]);

    const tsc = path.join(dir, "node_modules/typescript/bin/tsc");
    const good = run(dir, process.execPath, [tsc, "-p", "tsconfig.json"]);
    expect(good.status, good.out).toBe(0);
    // Checking the libraries' own declarations too: the package's .d.ts is sound. (@trpc/server's
    // declarations want the optional `ws` package's types, also with @trpc/client alone; that one is upstream.)
    const libs = run(dir, process.execPath, [tsc, "-p", "tsconfig.json", "--noEmit", "--skipLibCheck", "false"]);
    const libErrors = libs.out
      .split("\n")
      .filter((l) => /error TS\d+/.test(l) && !/node_modules\/@trpc\/server\/dist\/ws-[\w-]+\.d\.[cm]?ts\(.*Cannot find module 'ws'/.test(l));
    expect(libErrors).toEqual([]);
    const typo = run(dir, process.execPath, [tsc, "-p", "tsconfig.typo.json", "--noEmit"]);
    expect(typo.status).not.toBe(0);
    expect(typo.out).toMatch(/typo\.ts\(4,\d+\): error TS\d+: .*experimentKye/);
    expect(typo.out).toMatch(/typo\.ts\(5,\d+\): error TS\d+: .*prise/);

    const called = run(dir, process.execPath, ["out/call.js"], { BASE_URL: base, PRICING_KEY: key });
    expect(called.status, called.out).toBe(0);
    const answer = JSON.parse(called.out.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(answer).toMatchObject({ created: "draft", status: "running", currency: "USD", inExperiment: true, counted: true, missing: "NOT_FOUND" });
    expect(["9.00", "12.00"]).toContain(answer.price);

    // CommonJS callers get the same client.
    const required = run(dir, process.execPath, ["require.cjs"], { BASE_URL: base, PRICING_KEY: key });
    expect(required.status, required.out).toBe(0);
    expect(required.out).toContain(`"tenantName":"Package ${suffix}"`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("npm pack of packages/client produces the same files the deployment serves", () => {
  const served = path.join("public", CLIENT_TARBALL_PATH);
  const listing = execFileSync("tar", ["-tzf", served], { encoding: "utf8" }).trim().split("\n").sort();
  expect(listing).toEqual([
    "package/README.md",
    "package/dist/index.cjs",
    "package/dist/index.d.ts",
    "package/dist/index.mjs",
    "package/package.json",
  ]);
});
