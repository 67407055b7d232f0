import "server-only";
import { z } from "zod";
import { issuesText } from "@/server/lib/issues";
import { restErrorBody, toRestIssue } from "./rest-error-shape";

type Raw = { message?: unknown; code?: unknown; issues?: unknown; data?: unknown };

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
const asString = (v: unknown): string | null => (typeof v === "string" ? v : null);

// What the tRPC error formatter (trpc.ts) puts in data.issues.
const ZIssues = z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).catch([]);

/**
 * Puts a REST error answer into the one documented shape (rest-error-shape.ts):
 * trpc-to-openapi replaces an invalid input's message with "Input validation failed"
 * (adding its own raw zod issues), and errors raised before the context exists
 * (unknown path, media type, unparsable body) carry no request id nor appCode. The
 * issues are the formatter's, with their full paths. Successful answers pass untouched.
 */
export async function toRestError(res: Response, requestId: string): Promise<Response> {
  if (res.status < 400 || !res.headers.get("content-type")?.includes("json")) return res;
  const raw: unknown = await res
    .clone()
    .json()
    .catch(() => null);
  if (typeof raw !== "object" || raw === null) return res;
  const { message, code, issues: rawIssues, data } = raw as Raw;
  const given = asRecord(data);
  const issues = ZIssues.parse(given.issues);
  const invalidInput = Array.isArray(rawIssues) && rawIssues.length > 0;
  const id = asString(given.requestId) ?? requestId;
  const text = asString(message) ?? "An error occurred";
  const body = restErrorBody({
    status: res.status,
    code: asString(code) ?? asString(given.code) ?? "INTERNAL_SERVER_ERROR",
    appCode: asString(given.appCode),
    message: invalidInput ? issuesText(issues) : text.replace("(request id unknown)", `(request id ${id})`),
    requestId: id,
    issues: issues.map(toRestIssue),
    data: given,
  });
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: res.status, headers });
}
