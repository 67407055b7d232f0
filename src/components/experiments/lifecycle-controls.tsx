"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MutationStatus } from "@/components/forms/mutation-status";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { useTRPC } from "@/trpc/react";
import { allowedTransitions, type Transition } from "@/shared/domain/lifecycle";
import { TRANSITION_LABEL } from "./lifecycle";

/**
 * Only the transitions the current status allows; completing asks for the winner
 * first. `winner` is the price selected in the open Complete form (null: closed),
 * held by the page so the decision card's "Ship" button can open it too.
 */
export function LifecycleControls(props: {
  experiment: TExperimentOutput;
  suggestedWinner: string | null;
  winner: string | null;
  onWinnerChange: (key: string | null) => void;
}) {
  const { experiment, suggestedWinner, winner, onWinnerChange } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = (updated: TExperimentOutput) => {
    queryClient.setQueryData(trpc.experiments.get.queryKey({ id: experiment.id }), updated);
    void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
    onWinnerChange(null);
  };
  const start = useMutation(trpc.experiments.start.mutationOptions({ onSuccess }));
  const pause = useMutation(trpc.experiments.pause.mutationOptions({ onSuccess }));
  const resume = useMutation(trpc.experiments.resume.mutationOptions({ onSuccess }));
  const archive = useMutation(trpc.experiments.archive.mutationOptions({ onSuccess }));
  const complete = useMutation(trpc.experiments.complete.mutationOptions({ onSuccess }));
  const simple = { start, pause, resume, archive };
  const all = [start, pause, resume, archive, complete];
  const active = all.find((m) => m.isPending || m.isError || m.isSuccess);
  const busy = all.some((m) => m.isPending);

  function run(t: Transition) {
    all.forEach((m) => m.reset());
    if (t === "complete") onWinnerChange(suggestedWinner ?? experiment.variants.find((v) => v.isControl)?.key ?? "");
    else simple[t].mutate({ id: experiment.id });
  }

  const transitions = allowedTransitions(experiment.status);
  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      <div className="row" role="group" aria-label="Experiment lifecycle">
        {transitions.map((t) => (
          <button
            key={t}
            type="button"
            className={`button ${t === "start" || t === "resume" ? "" : "secondary"} small`}
            disabled={busy}
            onClick={() => run(t)}
          >
            {TRANSITION_LABEL[t]}
          </button>
        ))}
      </div>
      {winner !== null ? (
        <form
          className="row"
          aria-label="Complete the experiment"
          onSubmit={(e) => {
            e.preventDefault();
            complete.mutate({ id: experiment.id, winningVariantKey: winner });
          }}
        >
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="winner">Winning price (everyone gets it from now on)</label>
            {/* Focus follows the form open, from "Complete…" or from the decision's "Ship" button. */}
            <select id="winner" autoFocus value={winner} onChange={(e) => onWinnerChange(e.target.value)}>
              {experiment.variants.map((v) => (
                <option key={v.key} value={v.key}>
                  {v.name} ({v.price} {experiment.currency})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button small" disabled={busy}>
            Complete experiment
          </button>
          <button type="button" className="button secondary small" onClick={() => onWinnerChange(null)}>
            Cancel
          </button>
        </form>
      ) : null}
      {active ? (
        <MutationStatus isPending={active.isPending} isSuccess={active.isSuccess} error={active.error} pending="Updating…" success="Done." />
      ) : null}
    </div>
  );
}
