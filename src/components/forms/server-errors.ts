/** The parts of a tRPC error the forms use; see the error formatter in src/server/api/trpc.ts. */
interface ErrorShape {
  message?: unknown;
  data?: { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null; appCode?: unknown } | null;
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === "object" && error !== null ? (error as ErrorShape) : {};
}

/**
 * Field errors by path ("email", "variants.1.price"). The server's message is
 * "path: problem; path: problem", which keeps nested paths that zod's flattened
 * fieldErrors reduce to their first segment; both are read.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const shape = shapeOf(error);
  const out: Record<string, string> = {};
  for (const [field, problems] of Object.entries(shape.data?.zodError?.fieldErrors ?? {})) {
    const first = problems?.[0];
    if (first) out[field] = first;
  }
  if (typeof shape.message === "string") {
    for (const part of messageParts(shape.message)) if (part.path) out[part.path] = part.text;
  }
  return out;
}

const PART = /^([A-Za-z][\w]*(?:\.[\w]+)*): (.+)$/;

/**
 * "path: problem; path: problem" as parts. A piece without a path continues the part
 * before it ("role: a tenant keeps at least one owner; make someone else owner first.").
 */
function messageParts(message: string): { path: string | null; text: string }[] {
  const parts: { path: string | null; text: string }[] = [];
  for (const piece of message.split("; ")) {
    const m = PART.exec(piece);
    const previous = parts.at(-1);
    if (m?.[1] && m[2]) parts.push({ path: m[1], text: m[2] });
    else if (previous) previous.text = `${previous.text}; ${piece}`;
    else parts.push({ path: null, text: piece });
  }
  return parts;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A sentence for the user: the server's own message without its "field: " prefixes
 * (or a plain fallback for network trouble). Parts about a field in `fields` (a path or
 * a prefix of one, e.g. "variants") are left out: the form shows them at the field, so
 * they would appear twice. Empty when nothing is left to say.
 */
export function errorText(error: unknown, fields: readonly string[] = []): string {
  const message = shapeOf(error).message;
  if (typeof message !== "string" || !message || message === "Failed to fetch") return "Could not reach the server. Check your connection and try again.";
  const shownAtField = (path: string) => fields.some((f) => path === f || path.startsWith(`${f}.`));
  return messageParts(message)
    .flatMap((part) => (part.path === null ? [part.text] : shownAtField(part.path) ? [] : [capitalised(part.text)]))
    .join("; ");
}

export function appCodeOf(error: unknown): string | null {
  const code = shapeOf(error).data?.appCode;
  return typeof code === "string" ? code : null;
}
