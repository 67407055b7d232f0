import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/openapi.json/route";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: unknown; responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>
  >;
  components: { schemas: Record<string, { required?: string[] }> };
};

async function served(): Promise<Doc> {
  const res = GET(new Request("http://localhost/api/openapi.json"));
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, method, op })),
  );

describe("/api/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document (swagger-parser)", async () => {
    const doc = await served();
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("describes every error an operation can answer with the one ErrorResponse shape", async () => {
    const doc = await served();
    expect(doc.components.schemas.ErrorResponse?.required).toEqual(["status", "code", "appCode", "message", "requestId", "issues"]);
    expect(Object.keys(doc.components.schemas).filter((name) => name.startsWith("error."))).toEqual([]);
    for (const { id, op } of operations(doc)) {
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(errors, id).toEqual(expect.arrayContaining(["400", "401", "403", "429", "500", "503"]));
      for (const status of errors) {
        expect(op.responses[status]?.content?.["application/json"]?.schema?.$ref, `${id} ${status}`).toBe("#/components/schemas/ErrorResponse");
      }
    }
    const statuses = (id: string) => Object.keys(operations(doc).find((o) => o.id === id)?.op.responses ?? {});
    expect(statuses("POST /experiments/{id}/start")).toEqual(expect.arrayContaining(["404", "409", "413"]));
    expect(statuses("POST /experiments/{id}/start")).not.toContain("415");
    expect(statuses("POST /experiments")).toEqual(expect.arrayContaining(["409", "413", "415"]));
    expect(statuses("POST /track")).toEqual(expect.arrayContaining(["404", "412", "413", "415"]));
    expect(statuses("GET /experiments")).not.toContain("413");
  });

  it("describes the lifecycle calls without a request body, and complete with one", async () => {
    const doc = await served();
    for (const action of ["start", "pause", "resume", "archive"])
      expect(doc.paths[`/experiments/{id}/${action}`]?.post?.requestBody, action).toBeUndefined();
    expect(doc.paths["/experiments/{id}/complete"]?.post?.requestBody).toBeDefined();
  });
});
