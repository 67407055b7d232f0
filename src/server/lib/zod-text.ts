import { z } from "zod";

/**
 * Text that PostgreSQL can store: it rejects the NUL character (U+0000), which
 * text and JSONB columns refuse, so it is answered as BAD_REQUEST naming the field
 * instead of failing at the database.
 */
export function zText(opts: { min?: number; max: number; trim?: boolean }) {
  const base = opts.trim ? z.string().trim() : z.string();
  const sized = (opts.min ? base.min(opts.min, opts.min === 1 ? "must not be empty" : `must be at least ${opts.min} characters`) : base).max(
    opts.max,
    `must be at most ${opts.max} characters`,
  );
  return sized.refine((s) => !s.includes("\u0000"), "must not contain the NUL character");
}

/** A JSON object of at most `maxBytes` that PostgreSQL's JSONB accepts. */
export function zJsonObject(maxBytes: number) {
  return z.record(zText({ max: 64 }), z.unknown()).superRefine((value, ctx) => {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "must be plain JSON (strings, numbers, booleans, null, arrays, objects)" });
      return;
    }
    if (text.includes("\\u0000")) ctx.addIssue({ code: "custom", message: "must not contain the NUL character" });
    if (text.length > maxBytes) ctx.addIssue({ code: "custom", message: `must be at most ${maxBytes / 1024} KB of JSON` });
  });
}
