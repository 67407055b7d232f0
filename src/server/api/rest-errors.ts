import "server-only";
import { ZodError } from "zod";
import { restErrorBody } from "./rest-error-shape";
import { fieldIssues, fieldMessage } from "./trpc";

type Raw = { message?: unknown; code?: unknown; issues?: unknown; data?: unknown };

const asRecord = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
const asString = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Puts a REST error answer into the one documented shape (rest-error-shape.ts):
 * trpc-to-openapi says only "Input validation failed" and sends raw zod issues, and
 * errors raised before the context exists (unknown path, media type, unparsable
 * body) carry no request id nor appCode. Successful answers pass untouched.
 */
export async function toRestError(res: Response, requestId: string): Promise<Response> {
  if (res.status < 400 || !res.headers.get("content-type")?.includes("json")) return res;
  const raw: unknown = await res
    .clone()
    .json()
    .catch(() => null);
  if (typeof raw !== "object" || raw === null) return res;
  const { message, code, issues, data } = raw as Raw;
  const zod = Array.isArray(issues) && issues.length > 0 ? new ZodError(issues) : null;
  const given = asRecord(data);
  const id = asString(given.requestId) ?? requestId;
  const text = asString(message) ?? "An error occurred";
  const body = restErrorBody({
    status: res.status,
    code: asString(code) ?? asString(given.code) ?? "INTERNAL_SERVER_ERROR",
    appCode: asString(given.appCode),
    message: zod ? fieldMessage(zod) : text.replace("(request id unknown)", `(request id ${id})`),
    requestId: id,
    issues: zod ? fieldIssues(zod) : [],
    data: given,
  });
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), { status: res.status, headers });
}
