import type { ExperimentStatus } from "./experiments";

export const TRANSITIONS = ["start", "pause", "resume", "complete", "archive"] as const;
export type Transition = (typeof TRANSITIONS)[number];

/**
 * The experiment lifecycle: draft → running ⇄ paused → completed → archived (a draft or paused
 * experiment may also be archived). The server enforces it; the dashboard only shows the buttons it allows.
 */
export const LIFECYCLE: Readonly<Record<Transition, { from: readonly ExperimentStatus[]; to: ExperimentStatus }>> = {
  start: { from: ["draft"], to: "running" },
  pause: { from: ["running"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
  complete: { from: ["running", "paused"], to: "completed" },
  archive: { from: ["draft", "paused", "completed"], to: "archived" },
};

export function isTransitionAllowed(transition: Transition, from: ExperimentStatus): boolean {
  return LIFECYCLE[transition].from.includes(from);
}

/** The transitions an experiment in `status` may take, in lifecycle order. */
export function allowedTransitions(status: ExperimentStatus): Transition[] {
  return TRANSITIONS.filter((t) => isTransitionAllowed(t, status));
}
