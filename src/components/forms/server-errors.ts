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
    for (const part of shape.message.split("; ")) {
      const m = /^([A-Za-z][\w]*(?:\.[\w]+)*): (.+)$/.exec(part);
      if (m?.[1] && m[2]) out[m[1]] = m[2];
    }
  }
  return out;
}

/** A sentence for the user: the server's own message, or a plain fallback for network trouble. */
export function errorText(error: unknown): string {
  const message = shapeOf(error).message;
  if (typeof message === "string" && message && message !== "Failed to fetch") return message;
  return "Could not reach the server. Check your connection and try again.";
}

export function appCodeOf(error: unknown): string | null {
  const code = shapeOf(error).data?.appCode;
  return typeof code === "string" ? code : null;
}
