"use client";

import { type FormEvent, useMemo, useState } from "react";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import { DecisionStep } from "@/components/onboarding/decision-step";
import { type DecisionDraft, decisionInput } from "@/components/onboarding/draft";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { ZUpdateExperimentInput } from "@/shared/schemas/experiments";
import { useUpdateExperiment } from "./use-update-experiment";

/** The saved settings as the form edits them (percent for the MDE, like the wizard). */
function draftOf(e: TExperimentOutput): DecisionDraft {
  const cap = e.revenueCap;
  return {
    decisionMode: e.decisionMode,
    mde: e.mde === null ? "5" : String(Math.round(e.mde * 1000) / 10),
    targetSampleSize: e.targetSampleSize === null ? "" : String(e.targetSampleSize),
    cap: cap ? cap.type : "off",
    capAmount: cap?.type === "fixed" ? String(cap.amount) : "",
    capPercentile: cap?.type === "percentile" ? String(cap.percentile) : "0.99",
    traffic: e.banditMetric ?? "split",
  };
}

/** How a draft will decide; the server refuses these changes once the test has started. */
export function DecisionSettings({ experiment }: { experiment: TExperimentOutput }) {
  const [draft, setDraft] = useState<DecisionDraft>(() => draftOf(experiment));
  const input = useMemo(() => ({ id: experiment.id, ...decisionInput(draft) }), [experiment.id, draft]);
  const v = useValidation(ZUpdateExperimentInput, input);
  const save = useUpdateExperiment(experiment.id, (error) => v.fromServer(error));
  const update = (patch: Partial<DecisionDraft>, touched: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    v.touch(touched);
    save.reset();
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const data = v.validateAll();
    if (data) save.mutate(data);
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Decision settings">
      <DecisionStep draft={{ ...draft, currency: experiment.currency }} update={update} errorFor={v.errorFor} />
      <MutationStatus
        isPending={save.isPending}
        isSuccess={save.isSuccess}
        error={save.error}
        pending="Saving…"
        success="Saved: the test will decide this way once started."
        fields={["mde", "targetSampleSize", "revenueCap", "banditMetric", "decisionMode"]}
      />
      <button type="submit" className="button small" disabled={save.isPending}>
        Save decision settings
      </button>
    </form>
  );
}
