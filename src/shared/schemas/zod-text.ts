import { z } from "zod";

// A UTF-16 surrogate without its partner: JavaScript strings allow it, but it is
// not Unicode, so PostgreSQL (UTF-8) and JSON encoders reject or mangle it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain the NUL character";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (it contains a lone UTF-16 surrogate)";
  return null;
}

/**
 * Text that PostgreSQL can store: it rejects the NUL character (U+0000), which
 * text and JSONB columns refuse, and lone surrogates, which are not Unicode, so
 * both are answered as BAD_REQUEST naming the field instead of failing at the database.
 */
export function zText(opts: { min?: number; max: number; trim?: boolean }) {
  const base = opts.trim ? z.string().trim() : z.string();
  const sized = (opts.min ? base.min(opts.min, opts.min === 1 ? "must not be empty" : `must be at least ${opts.min} characters`) : base).max(
    opts.max,
    `must be at most ${opts.max} characters`,
  );
  return sized.superRefine((s, ctx) => {
    const problem = unstorableText(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
}

/**
 * Keys that JavaScript gives special meaning on every object. Stored, they break
 * serializers that guard against prototype pollution (superjson throws on them),
 * so they are refused on input and dropped from rows written before this rule.
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
export const MAX_JSON_DEPTH = 16;

type Issue = { path: (string | number)[]; message: string };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Walks a JSON value (iteratively, so hostile nesting cannot exhaust the stack) and reports the first problem. */
function firstJsonProblem(root: unknown, maxKeyLength: number): Issue | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (path.length > MAX_JSON_DEPTH) return { path, message: `must be nested at most ${MAX_JSON_DEPTH} levels deep` };
    if (value === null || typeof value === "boolean") continue;
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return { path, message: "must be a finite number" };
      continue;
    }
    if (typeof value === "string") {
      const problem = unstorableText(value);
      if (problem) return { path, message: problem };
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    if (!isPlainObject(value)) return { path, message: "must be plain JSON (strings, numbers, booleans, null, arrays, objects)" };
    // Reflect.ownKeys also sees an own "__proto__" property that JSON.parse creates.
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key !== "string") return { path, message: "must be plain JSON" };
      if (RESERVED_KEYS.has(key)) return { path: [...path, key], message: `"${key}" is a reserved name and cannot be used as a key` };
      if (key.length > maxKeyLength) return { path: [...path, key], message: `keys must be at most ${maxKeyLength} characters` };
      const problem = unstorableText(key);
      if (problem) return { path: [...path, key], message: `key ${problem}` };
      stack.push({ value: value[key], path: [...path, key] });
    }
  }
  return null;
}

/** A JSON object of at most `maxBytes` that PostgreSQL's JSONB accepts and every serializer round-trips. */
export function zJsonObject(maxBytes: number) {
  return z
    .custom<Record<string, unknown>>((v) => isPlainObject(v), { message: "must be a JSON object" })
    .meta({
      type: "object",
      additionalProperties: true,
      description: `A JSON object of at most ${maxBytes / 1024} KB, nested at most ${MAX_JSON_DEPTH} levels; keys __proto__, constructor and prototype are refused.`,
    })
    .superRefine((value, ctx) => {
      const problem = firstJsonProblem(value, 64);
      if (problem) {
        // Reported on the field itself, with where inside it the problem sits.
        const inside = problem.path.length ? `at ${problem.path.join(".")}: ` : "";
        ctx.addIssue({ code: "custom", message: `${inside}${problem.message}` });
        return;
      }
      const text = JSON.stringify(value);
      if (text.length > maxBytes) ctx.addIssue({ code: "custom", message: `must be at most ${maxBytes / 1024} KB of JSON` });
    });
}

/** A copy of stored JSON without reserved keys at any depth (rows written before they were refused). */
export function withoutReservedKeys(value: unknown, depth = 0): unknown {
  if (depth > MAX_JSON_DEPTH * 4) return null;
  if (Array.isArray(value)) return value.map((v) => withoutReservedKeys(v, depth + 1));
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!RESERVED_KEYS.has(k)) out[k] = withoutReservedKeys(v, depth + 1);
  }
  return out;
}
