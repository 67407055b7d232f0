import "server-only";
import type { OpenAPIObject } from "trpc-to-openapi";

type Operation = { requestBody?: unknown; responses?: Record<string, unknown> };

const ISSUE = {
  type: "object",
  required: ["path", "message"],
  properties: {
    path: { type: "string", description: 'The field, dotted (`variants.1.price`); "" for the input as a whole.' },
    message: { type: "string" },
  },
};

/** The one REST error shape (src/server/api/rest-error-shape.ts). */
const ERROR_RESPONSE = {
  type: "object",
  required: ["status", "code", "appCode", "message", "requestId", "issues"],
  properties: {
    status: { type: "integer", description: "The HTTP status, repeated." },
    code: { type: "string", description: "The tRPC error code's name (BAD_REQUEST, NOT_FOUND, …)." },
    appCode: { type: "string", description: "Stable machine code to switch on (INVALID_INPUT, EXPERIMENT_NOT_FOUND, RATE_LIMITED, …)." },
    message: { type: "string", description: "A human sentence; for invalid input it starts with the field (`visitorId: …`)." },
    requestId: { type: "string", description: "Also the x-request-id header; quote it when reporting a problem." },
    issues: {
      type: "array",
      items: { $ref: "#/components/schemas/ErrorIssue" },
      description:
        "Each field the error is about: every invalid field (INVALID_INPUT), or the field a refusal names (e.g. experimentKey for EXPERIMENT_NOT_FOUND); empty otherwise.",
    },
    data: {
      type: "object",
      additionalProperties: true,
      description: "The same error as the tRPC client sees it (code, httpStatus, path, appCode, requestId, issues with array paths, zodError).",
    },
  },
};

const RETRY_AFTER = { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } };

const STATUSES: Record<string, { description: string; headers?: object }> = {
  "400": {
    description:
      "Invalid input (appCode INVALID_INPUT, with issues naming each field), a body that is not JSON (PARSE_ERROR), or a refused value (INVALID_DATES, UNKNOWN_VARIANT, INVALID_CURSOR, …).",
  },
  "401": { description: "No API key, or an invalid or revoked one (UNAUTHORIZED)." },
  "403": { description: "The key may not do this, e.g. a publishable key outside assign and track, or an origin not allowed (FORBIDDEN)." },
  "404": { description: "No such experiment in this tenant (EXPERIMENT_NOT_FOUND)." },
  "409": {
    description:
      "Conflicts with the experiment's state: ILLEGAL_TRANSITION, EXPERIMENT_KEY_TAKEN, EXPERIMENT_LOCKED, DUPLICATE_PRICES, CONCURRENT_CHANGE, EXPERIMENT_HAS_NO_VARIANTS.",
  },
  "412": { description: "A conversion for a visitor who was never assigned (VISITOR_NOT_ASSIGNED): call assign first." },
  "413": { description: "The body is larger than 1 MiB (PAYLOAD_TOO_LARGE)." },
  "415": { description: "A body sent without Content-Type: application/json (UNSUPPORTED_MEDIA_TYPE)." },
  "429": { description: "Over the key's rate limit (RATE_LIMITED); retry after Retry-After seconds.", headers: RETRY_AFTER },
  "500": { description: "Unexpected error (INTERNAL_SERVER_ERROR); the message carries the request id." },
  "503": { description: "The database is unavailable (DATABASE_UNAVAILABLE); retry after Retry-After seconds.", headers: RETRY_AFTER },
};

/** Which error statuses an operation can answer, beyond those every operation can. */
function statusesFor(method: string, path: string, op: Operation): string[] {
  const statuses = ["400", "401", "403", "429", "500", "503"];
  const writes = method === "post" || method === "patch" || method === "put";
  const tracks = path === "/track" || path === "/track-batch";
  if (path.includes("{id}") || path === "/assign" || tracks) statuses.push("404");
  if (path.startsWith("/experiments") && (writes || path.endsWith("/results"))) statuses.push("409");
  if (tracks) statuses.push("412");
  if (writes) statuses.push("413");
  if (writes && op.requestBody) statuses.push("415");
  return statuses.sort();
}

/**
 * trpc-to-openapi describes 400/401/403/404/500 with its own generic schemas; the
 * answers the REST route really gives (rest-errors.ts) are one ErrorResponse with
 * an appCode, for the statuses each operation can answer, so generated clients type them.
 */
export function withErrorResponses(doc: OpenAPIObject): OpenAPIObject {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const ops: Record<string, Operation> = {};
    for (const [method, value] of Object.entries(item as Record<string, Operation>)) {
      const success = Object.fromEntries(Object.entries(value.responses ?? {}).filter(([status]) => Number(status) < 400));
      const errors = Object.fromEntries(
        statusesFor(method, path, value).map((status) => {
          const { description, headers } = STATUSES[status] ?? { description: "Error" };
          return [
            status,
            {
              description,
              ...(headers ? { headers } : {}),
              content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } },
            },
          ];
        }),
      );
      ops[method] = { ...value, responses: { ...success, ...errors } };
    }
    paths[path] = ops;
  }
  // The generator's own error schemas are referenced only by the responses replaced above.
  const schemas = Object.fromEntries(Object.entries(doc.components?.schemas ?? {}).filter(([name]) => !name.startsWith("error.")));
  return {
    ...doc,
    paths: paths,
    components: {
      ...doc.components,
      schemas: { ...schemas, ErrorIssue: ISSUE, ErrorResponse: ERROR_RESPONSE } as NonNullable<OpenAPIObject["components"]>["schemas"],
    },
  };
}
