import { afterAll, describe, expect, it } from "vitest";
import { GET as docGET } from "../../src/app/api/openapi.json/route";
import { GET, PATCH, POST } from "../../src/app/api/v1/[...trpc]/route";
import { createTestApiKey, createTestTenant, makePro } from "../helpers/fixtures";
import { generatedClient } from "../helpers/generated-rest-client";

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

async function routeFetch(req: Request): Promise<Response> {
  const handler = { GET, POST, PATCH }[req.method as "GET" | "POST" | "PATCH"];
  if (!handler) throw new Error(`no ${req.method} handler`);
  return handler(req);
}

describe("a client generated from /api/openapi.json (openapi-typescript + openapi-fetch)", () => {
  it("compiles and runs the whole lifecycle, and reads a refused input's field from the error", async () => {
    const doc = await docGET(new Request("http://localhost/api/openapi.json")).text();
    const { lifecycle, cleanup } = await generatedClient(doc);
    cleanups.push(cleanup);
    const { tenant } = await createTestTenant("rest-generated");
    await makePro(tenant.id);
    const apiKey = await createTestApiKey(tenant.id, "secret");
    const result = await lifecycle("http://localhost/api/v1", apiKey, routeFetch, `gen-${tenant.id.slice(0, 8)}`);
    expect(result).toEqual({
      steps: ["draft", "running", "assigned", "tracked", "results", "paused", "running", "completed:high"],
      refused: { status: 400, appCode: "INVALID_INPUT", message: expect.stringMatching(/^visitorId: /), paths: ["visitorId"] },
    });
  }, 120_000);
});
