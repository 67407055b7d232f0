type Level = "debug" | "info" | "warn" | "error";

const counters = new Map<string, number>();

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
