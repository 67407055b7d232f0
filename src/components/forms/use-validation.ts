"use client";

import { useMemo, useState } from "react";
import type { z } from "zod";
import { fieldErrorsOf } from "./server-errors";

function issuesByPath(error: z.ZodError | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.issues ?? []) {
    const path = issue.path.map(String).join(".");
    out[path] ??= issue.message;
  }
  return out;
}

/**
 * Live validation with the same zod schema the server uses: a field shows its
 * problem as soon as it has been edited, every field after a submit attempt, and
 * server-side field errors until the field is edited again.
 */
export function useValidation<S extends z.ZodType>(schema: S, values: z.input<S>) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Record<string, string>>({});
  const parsed = useMemo(() => schema.safeParse(values), [schema, values]);
  const local = useMemo(() => issuesByPath(parsed.success ? undefined : parsed.error), [parsed]);

  const visible = (path: string) => submitted || touched.has(path);
  return {
    errorFor: (path: string): string | undefined => server[path] ?? (visible(path) ? local[path] : undefined),
    /** Problems that belong to no single field (e.g. "exactly one variant must be the control"). */
    formError: submitted ? local[""] : undefined,
    touch(path: string) {
      setTouched((prev) => (prev.has(path) ? prev : new Set(prev).add(path)));
      setServer((prev) => {
        if (!(path in prev)) return prev;
        const next = { ...prev };
        delete next[path];
        return next;
      });
    },
    /** Marks every field visible; the parsed value when valid. */
    validateAll(): z.output<S> | null {
      setSubmitted(true);
      return parsed.success ? parsed.data : null;
    },
    fromServer(error: unknown) {
      setServer(fieldErrorsOf(error));
    },
    reset() {
      setTouched(new Set());
      setSubmitted(false);
      setServer({});
    },
    /** Shows the problems of these fields (a wizard step) and tells whether there are any. */
    checkFields(prefixes: string[]): boolean {
      const matches = (path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}.`));
      const bad = Object.keys(local).filter(matches);
      setTouched((prev) => new Set([...prev, ...bad]));
      return bad.length === 0;
    },
    isValid: parsed.success,
  };
}
