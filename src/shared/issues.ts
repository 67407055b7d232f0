import { z } from "zod";

/**
 * One problem with one field of an input, as every API error carries it in `data.issues`:
 * its full path ([] for the input as a whole) and what is wrong. The server builds these
 * (src/server/lib/issues.ts); the dashboard's forms read them back with ZIssues.
 */
export const ZIssue = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });
export type Issue = z.infer<typeof ZIssue>;
export const ZIssues = z.array(ZIssue);

export const dottedPath = (path: readonly (string | number)[]): string => path.join(".");
