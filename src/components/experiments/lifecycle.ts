import type { ExperimentStatus } from "@/server/experiments/schemas";

export type Transition = "start" | "pause" | "resume" | "complete" | "archive";

// Mirrors the server's rule in src/server/experiments/transition-experiment.ts, which
// enforces it; here it only decides which buttons to show.
const FROM: Record<Transition, ExperimentStatus[]> = {
  start: ["draft"],
  pause: ["running"],
  resume: ["paused"],
  complete: ["running", "paused"],
  archive: ["draft", "paused", "completed"],
};

export function allowedTransitions(status: ExperimentStatus): Transition[] {
  return (Object.keys(FROM) as Transition[]).filter((t) => FROM[t].includes(status));
}

export const TRANSITION_LABEL: Record<Transition, string> = {
  start: "Start",
  pause: "Pause",
  resume: "Resume",
  complete: "Complete…",
  archive: "Archive",
};

export const STATUS_HELP: Record<ExperimentStatus, string> = {
  draft: "Not started: every visitor gets the control price.",
  running: "Running: new visitors are split across the prices; returning visitors keep theirs.",
  paused: "Paused: new visitors get the control price; results are kept.",
  completed: "Completed: everyone gets the winning price (buyers keep the price they paid).",
  archived: "Archived.",
};
