import "server-only";
import { dottedPath, type Issue } from "@/server/lib/issues";

/**
 * The one error shape of the REST API (/api/v1), for refusals made before tRPC
 * sees a request and for errors tRPC answers alike; /api/openapi.json describes it
 * as the ErrorResponse component. `data` is the tRPC error data, kept as it was.
 */
export interface RestIssue {
  /** The field, dotted (`variants.1.price`); "" for the input as a whole. */
  path: string;
  message: string;
}

/** The REST answer names a field dotted, as its OpenAPI document promises. */
export const toRestIssue = (issue: Issue): RestIssue => ({ path: dottedPath(issue.path), message: issue.message });

export interface RestErrorBody {
  status: number;
  code: string;
  appCode: string;
  message: string;
  requestId: string;
  issues: RestIssue[];
  data: Record<string, unknown> & { code: string; httpStatus: number; appCode: string; requestId: string };
}

export function restErrorBody(fields: {
  status: number;
  code: string;
  appCode: string | null;
  message: string;
  requestId: string;
  issues: RestIssue[];
  data: Record<string, unknown>;
}): RestErrorBody {
  // Errors without a code of their own (auth, not found, media type…) switch on the HTTP code's name.
  const appCode = fields.appCode ?? (fields.issues.length > 0 ? "INVALID_INPUT" : fields.code);
  return {
    status: fields.status,
    code: fields.code,
    appCode,
    message: fields.message,
    requestId: fields.requestId,
    issues: fields.issues,
    data: { ...fields.data, code: fields.code, httpStatus: fields.status, appCode, requestId: fields.requestId },
  };
}
