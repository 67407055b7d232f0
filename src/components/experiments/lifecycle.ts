import type { ExperimentStatus } from "@/shared/domain/experiments";
import type { Transition } from "@/shared/domain/lifecycle";

// Which transitions are allowed comes from src/shared/domain/lifecycle.ts (the server enforces it);
// this module only words them for the buttons.
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
