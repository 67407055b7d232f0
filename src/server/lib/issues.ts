import "server-only";
import type { ZodError } from "zod";
import { dottedPath, type Issue } from "@/shared/issues";

export { dottedPath, type Issue };

/** Each zod issue with its full path, nested ones included. */
export function zodIssues(error: ZodError): Issue[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    // A field the API does not know is named like any other field.
    if (issue.code === "unrecognized_keys") return issue.keys.map((k) => ({ path: [...at, k], message: "is not a known field" }));
    return [{ path: at, message: issue.message }];
  });
}

/**
 * "path: problem; path: problem", the one way issues are put in words (tRPC and REST
 * answers, trackBatch's per-event results, a service's field refusal). An issue about
 * the input as a whole is named `whole` when given, else said without a path.
 */
export function issuesText(issues: readonly Issue[], whole = ""): string {
  return issues
    .map(({ path, message }) => {
      const name = dottedPath(path) || whole;
      return name ? `${name}: ${message}` : message;
    })
    .join("; ");
}
