import "server-only";
type Level = "debug" | "info" | "warn" | "error";

// On globalThis so every route bundle of one process counts into the same totals (/api/metrics reads them).
const globalForCounters = globalThis as { __poCounters?: Map<string, number> };
const counters = (globalForCounters.__poCounters ??= new Map<string, number>());

/** Structured one-line JSON logs; Vercel and container platforms index them as-is. */
export function log(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (level === "debug" && process.env.NODE_ENV === "production") return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else if (process.env.NODE_ENV !== "test") console.log(line);
}

/** In-process counters for failures that are allowed to fail open (never silently). */
export function count(name: string, by = 1): void {
  counters.set(name, (counters.get(name) ?? 0) + by);
}

export function counterValue(name: string): number {
  return counters.get(name) ?? 0;
}

/** Every counter of this process, for the metrics endpoint. */
export function counterTotals(): [string, number][] {
  return [...counters];
}
