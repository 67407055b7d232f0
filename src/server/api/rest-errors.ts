import { ZodError } from "zod";
import { fieldMessage } from "./trpc";

/**
 * trpc-to-openapi answers every input validation error with the message "Input
 * validation failed" (the issues beside it); callers are promised a message that
 * names the field, as over tRPC. This rewrites just that message; nothing else changes.
 */
export async function withFieldMessage(res: Response): Promise<Response> {
  if (res.status !== 400 || !res.headers.get("content-type")?.includes("json")) return res;
  const body: unknown = await res
    .clone()
    .json()
    .catch(() => null);
  if (typeof body !== "object" || body === null) return res;
  const { message, issues } = body as { message?: unknown; issues?: unknown };
  if (message !== "Input validation failed" || !Array.isArray(issues) || issues.length === 0) return res;
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify({ ...body, message: fieldMessage(new ZodError(issues)) }), { status: res.status, headers });
}
