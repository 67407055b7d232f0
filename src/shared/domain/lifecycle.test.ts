import { describe, expect, it } from "vitest";
import { EXPERIMENT_STATUSES } from "./experiments";
import { allowedTransitions, isTransitionAllowed, LIFECYCLE, TRANSITIONS } from "./lifecycle";

describe("the experiment lifecycle", () => {
  it("allows each transition from exactly its statuses and leads to its status", () => {
    expect(LIFECYCLE).toEqual({
      start: { from: ["draft"], to: "running" },
      pause: { from: ["running"], to: "paused" },
      resume: { from: ["paused"], to: "running" },
      complete: { from: ["running", "paused"], to: "completed" },
      archive: { from: ["draft", "paused", "completed"], to: "archived" },
    });
    for (const t of TRANSITIONS) {
      for (const s of EXPERIMENT_STATUSES) expect(isTransitionAllowed(t, s)).toBe(LIFECYCLE[t].from.includes(s));
    }
  });

  it("offers, per status, the transitions the server accepts, in lifecycle order", () => {
    expect(Object.fromEntries(EXPERIMENT_STATUSES.map((s) => [s, allowedTransitions(s)]))).toEqual({
      draft: ["start", "archive"],
      running: ["pause", "complete"],
      paused: ["resume", "complete", "archive"],
      completed: ["archive"],
      archived: [],
    });
  });
});
