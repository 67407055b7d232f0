import { describe, expect, it } from "vitest";
import { GET as restGET, POST as restPOST } from "../../src/app/api/v1/[...trpc]/route";
import type { RestErrorBody } from "../../src/server/api/rest-error-shape";
import { createTestApiKey, createTestTenant } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";

const base = "http://localhost/api/v1";

async function errorOf(res: Response) {
  const body = (await res.json()) as RestErrorBody;
  // One shape: the HTTP status, a stable appCode, a request id (the answer's header), the field problems.
  expect(body.status).toBe(res.status);
  expect(body.requestId).toEqual(expect.any(String));
  expect(body.requestId).toBe(res.headers.get("x-request-id"));
  expect(body.data.requestId).toBe(body.requestId);
  expect(body.data.appCode).toBe(body.appCode);
  expect(Array.isArray(body.issues)).toBe(true);
  return { status: body.status, code: body.code, appCode: body.appCode, message: body.message, issues: body.issues };
}

describe("REST error answers", () => {
  it("a refused input names its field in the message and lists each problem as { path, message }", async () => {
    const { tenant } = await createTestTenant("rest-err-input");
    const key = await createTestApiKey(tenant.id, "secret");
    const res = await restPOST(
      new Request(`${base}/assign`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "x-request-id": "caller-chosen-id-1" },
        body: JSON.stringify({ experimentKey: "some-test", visitorId: "", extra: 1 }),
      }),
    );
    const error = await errorOf(res);
    expect(error).toMatchObject({ status: 400, code: "BAD_REQUEST", appCode: "INVALID_INPUT" });
    expect(error.message).toMatch(/^visitorId: /);
    expect(error.issues.map((i) => i.path).sort()).toEqual(["extra", "visitorId"]);
    expect(error.issues.every((i) => typeof i.message === "string" && i.message.length > 0)).toBe(true);
    expect(res.headers.get("x-request-id")).toBe("caller-chosen-id-1");
  });

  it("errors raised before the context exists carry a request id and an appCode too", async () => {
    const unknownPath = await errorOf(await restGET(new Request(`${base}/no-such-thing`)));
    expect(unknownPath).toMatchObject({ status: 404, appCode: "NOT_FOUND", issues: [] });

    const badJson = await restPOST(
      new Request(`${base}/assign`, { method: "POST", headers: { "content-type": "application/json" }, body: "{not json" }),
    );
    expect((await errorOf(badJson)).status).toBe(400);

    const wrongType = await restPOST(new Request(`${base}/assign`, { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }));
    expect(await errorOf(wrongType)).toMatchObject({ status: 415, appCode: "UNSUPPORTED_MEDIA_TYPE" });

    const reserved = await errorOf(await restGET(new Request(`${base}/experiments?constructor=1`)));
    expect(reserved).toMatchObject({ status: 400, appCode: "INVALID_INPUT", issues: [{ path: "constructor", message: "is not a known field" }] });
  });

  it("authentication and business refusals: 401, 404 and 409 with their appCodes", async () => {
    const noKey = await errorOf(await restGET(new Request(`${base}/experiments`)));
    expect(noKey).toMatchObject({ status: 401, code: "UNAUTHORIZED", appCode: "UNAUTHORIZED" });

    const { tenant } = await createTestTenant("rest-err-biz");
    const key = await createTestApiKey(tenant.id, "secret");
    const auth = { authorization: `Bearer ${key}` };
    const missing = await errorOf(await restGET(new Request(`${base}/experiments/00000000-0000-4000-8000-000000000000`, { headers: auth })));
    expect(missing).toMatchObject({ status: 404, appCode: "EXPERIMENT_NOT_FOUND" });

    const exp = await createPriceExperiment(tenant.id);
    const again = await errorOf(await restPOST(new Request(`${base}/experiments/${exp.id}/start`, { method: "POST", headers: auth })));
    expect(again.status).toBe(409);
    expect(again.appCode).toMatch(/^[A-Z_]+$/);
  });
});
