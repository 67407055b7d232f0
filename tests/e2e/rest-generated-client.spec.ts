import SwaggerParser from "@apidevtools/swagger-parser";
import { expect, test } from "@playwright/test";
import { generatedClient } from "../helpers/generated-rest-client";
import { adminCli } from "./support/admin";

// What a developer in any language does: read the live document, generate a client, call the API.
test.describe("a client generated from the production build's /api/openapi.json", () => {
  test("validates, compiles, runs the whole lifecycle and names a refused field", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const res = await fetch(`${baseURL}/api/openapi.json`);
    expect(res.status).toBe(200);
    const doc = await res.text();
    await SwaggerParser.validate(JSON.parse(doc) as Parameters<typeof SwaggerParser.validate>[0]);
    const { lifecycle, cleanup } = await generatedClient(doc);
    try {
      const suffix = Math.random().toString(36).slice(2, 8);
      const created = adminCli("tenant:create", "--name", `Generated ${suffix}`, "--email", `generated-${suffix}@e2e.local`, "--plan", "pro");
      const result = await lifecycle(`${baseURL}/api/v1`, created.secretKey ?? "", (req) => fetch(req), `gen-${suffix}`);
      expect(result).toEqual({
        steps: ["draft", "running", "assigned", "tracked", "results", "paused", "running", "completed:high"],
        refused: { status: 400, appCode: "INVALID_INPUT", message: expect.stringMatching(/^visitorId: /), paths: ["visitorId"] },
      });
    } finally {
      cleanup();
    }
  });
});
