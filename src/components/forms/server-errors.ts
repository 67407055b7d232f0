import { dottedPath, ZIssues } from "@/shared/issues";

/** The parts of a tRPC error the forms use; see the error formatter in src/server/api/trpc.ts. */
interface ErrorShape {
  message?: unknown;
  data?: { issues?: unknown; appCode?: unknown } | null;
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === "object" && error !== null ? error : {};
}

/** The fields an error is about, each with its full path ("variants.1.price"); [] when it is about none. */
export function issuesOf(error: unknown): { path: string; segments: (string | number)[]; message: string }[] {
  const issues = ZIssues.safeParse(shapeOf(error).data?.issues);
  return issues.success ? issues.data.map((i) => ({ path: dottedPath(i.path), segments: i.path, message: i.message })) : [];
}

/**
 * Field errors by path ("email", "variants.1.price"); a field's last problem is shown.
 * A problem inside a list or group ("variants.1.price") also stands for the group
 * ("variants") when nothing is said about the group itself, so a form that shows
 * only the group still shows it.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const issues = issuesOf(error).filter((i) => i.path);
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const top = String(issue.segments[0]);
    if (issue.segments.length > 1 && !(top in out)) out[top] = issue.message;
  }
  for (const issue of issues) out[issue.path] = issue.message;
  return out;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A sentence for the user: the server's own message, or its problems without their
 * field names (or a plain fallback for network trouble). Problems about a field in
 * `fields` (a path or a prefix of one, e.g. "variants") are left out: the form shows
 * them at the field, so they would appear twice. Empty when nothing is left to say.
 */
export function errorText(error: unknown, fields: readonly string[] = []): string {
  const message = shapeOf(error).message;
  if (typeof message !== "string" || !message || message === "Failed to fetch")
    return "Could not reach the server. Check your connection and try again.";
  const issues = issuesOf(error);
  if (issues.length === 0) return message;
  const shownAtField = (path: string) => fields.some((f) => path === f || path.startsWith(`${f}.`));
  return issues.flatMap((issue) => (!issue.path ? [issue.message] : shownAtField(issue.path) ? [] : [capitalised(issue.message)])).join("; ");
}

export function appCodeOf(error: unknown): string | null {
  const code = shapeOf(error).data?.appCode;
  return typeof code === "string" ? code : null;
}
