"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { MutationStatus } from "@/components/forms/mutation-status";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { useTRPC } from "@/trpc/react";
import { allowedTransitions, type Transition, TRANSITION_LABEL } from "./lifecycle";

/** Only the transitions the current status allows; completing asks for the winner first. */
export function LifecycleControls({ experiment, suggestedWinner }: { experiment: TExperimentOutput; suggestedWinner: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [completing, setCompleting] = useState(false);
  const [winner, setWinner] = useState(suggestedWinner ?? experiment.variants.find((v) => v.isControl)?.key ?? "");
  const onSuccess = (updated: TExperimentOutput) => {
    queryClient.setQueryData(trpc.experiments.get.queryKey({ id: experiment.id }), updated);
    void queryClient.invalidateQueries({ queryKey: trpc.experiments.pathKey() });
    setCompleting(false);
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
    if (t === "complete") setCompleting(true);
    else simple[t].mutate({ id: experiment.id });
  }

  const transitions = allowedTransitions(experiment.status);
  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      <div className="row" role="group" aria-label="Experiment lifecycle">
        {transitions.map((t) => (
          <button key={t} type="button" className={`button ${t === "start" || t === "resume" ? "" : "secondary"} small`} disabled={busy} onClick={() => run(t)}>
            {TRANSITION_LABEL[t]}
          </button>
        ))}
      </div>
      {completing ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            complete.mutate({ id: experiment.id, winningVariantKey: winner });
          }}
        >
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor="winner">Winning price (everyone gets it from now on)</label>
            <select id="winner" value={winner} onChange={(e) => setWinner(e.target.value)}>
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
          <button type="button" className="button secondary small" onClick={() => setCompleting(false)}>
            Cancel
          </button>
        </form>
      ) : null}
      {active ? <MutationStatus isPending={active.isPending} isSuccess={active.isSuccess} error={active.error} pending="Updating…" success="Done." /> : null}
    </div>
  );
}
