import { describe, expect, it } from "vitest";
import { GET as restGET, POST as restPOST } from "../../src/app/api/v1/[...trpc]/route";
import { createTestApiKey, createTestTenant, makePro } from "../helpers/fixtures";
import { createPriceExperiment } from "../helpers/experiments";

const base = "http://localhost/api/v1";

/** A call as a generated client makes it: JSON only when there is a body, no Content-Type otherwise. */
function call(key: string, method: "GET" | "POST", path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers["content-type"] = "application/json";
  const req = new Request(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return method === "GET" ? restGET(req) : restPOST(req);
}

async function statusOf(res: Response) {
  const body = (await res.json()) as { status?: string; message?: string };
  return { http: res.status, status: body.status, message: res.ok ? undefined : body.message };
}

describe("REST lifecycle calls without a body", () => {
  it("start, pause, resume and archive answer 200 to a bare POST (no body, no Content-Type)", async () => {
    const { tenant } = await createTestTenant("rest-bare");
    await makePro(tenant.id);
    const key = await createTestApiKey(tenant.id, "secret");
    const exp = await createPriceExperiment(tenant.id, { draft: true });

    expect(await statusOf(await call(key, "POST", `/experiments/${exp.id}/start`))).toEqual({ http: 200, status: "running", message: undefined });
    expect(await statusOf(await call(key, "POST", `/experiments/${exp.id}/pause`))).toEqual({ http: 200, status: "paused", message: undefined });
    expect(await statusOf(await call(key, "POST", `/experiments/${exp.id}/resume`))).toEqual({ http: 200, status: "running", message: undefined });
    expect(await statusOf(await call(key, "POST", `/experiments/${exp.id}/pause`))).toEqual({ http: 200, status: "paused", message: undefined });
    expect(await statusOf(await call(key, "POST", `/experiments/${exp.id}/archive`))).toEqual({ http: 200, status: "archived", message: undefined });
  });

  it("accepts an empty JSON body and a Content-Type with no body alike", async () => {
    const { tenant } = await createTestTenant("rest-empty");
    const key = await createTestApiKey(tenant.id, "secret");
    const exp = await createPriceExperiment(tenant.id, { draft: true });
    const started = await restPOST(
      new Request(`${base}/experiments/${exp.id}/start`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      }),
    );
    expect(await statusOf(started)).toEqual({ http: 200, status: "running", message: undefined });
    const paused = await restPOST(
      new Request(`${base}/experiments/${exp.id}/pause`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(await statusOf(paused)).toEqual({ http: 200, status: "paused", message: undefined });
  });

  it("complete without its body is a 400 naming the missing field, not a 415", async () => {
    const { tenant } = await createTestTenant("rest-complete");
    const key = await createTestApiKey(tenant.id, "secret");
    const exp = await createPriceExperiment(tenant.id);
    const bare = await call(key, "POST", `/experiments/${exp.id}/complete`);
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { message: string }).message).toMatch(/^winningVariantKey: /);
    const done = await call(key, "POST", `/experiments/${exp.id}/complete`, { winningVariantKey: "mid" });
    expect(await statusOf(done)).toEqual({ http: 200, status: "completed", message: undefined });
  });

  it("still refuses a body sent without a JSON Content-Type (415)", async () => {
    const { tenant } = await createTestTenant("rest-415");
    const key = await createTestApiKey(tenant.id, "secret");
    const exp = await createPriceExperiment(tenant.id);
    const res = await restPOST(
      new Request(`${base}/experiments/${exp.id}/complete`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "text/plain" },
        body: "winningVariantKey=mid",
      }),
    );
    expect(res.status).toBe(415);
  });
});
