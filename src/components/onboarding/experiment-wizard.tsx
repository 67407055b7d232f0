"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type FormEvent, useMemo, useState } from "react";
import { MutationStatus } from "@/components/forms/mutation-status";
import { issuesOf } from "@/components/forms/server-errors";
import { useValidation } from "@/components/forms/use-validation";
import { useRole } from "@/components/shell/role-context";
import { ZCreateExperimentInput } from "@/shared/schemas/experiments";
import { useTRPC } from "@/trpc/react";
import { BasicsStep } from "./basics-step";
import { DecisionStep } from "./decision-step";
import { type ExperimentDraft, initialDraft, type PriceDraft, toCreateInput } from "./draft";
import { InstallSnippet } from "./install-snippet";
import { PricesStep } from "./prices-step";

const STEPS = ["Experiment", "Prices", "Decision", "Install"] as const;
const INSTALL = 3;
const BASIC_FIELDS = ["name", "key", "currency", "description"];
const PRICE_FIELDS = ["variants"];
// Server errors about these appear at the field (useValidation), so not again under the form.
const FIELDS_SHOWN = [...BASIC_FIELDS, ...PRICE_FIELDS, "mde", "targetSampleSize", "revenueCap", "banditMetric", "decisionMode"];

/** The earlier step that shows a server error's field (a taken key, a bad price), if any. */
function stepOfError(error: unknown): number | undefined {
  const fields = issuesOf(error).map((i) => i.segments);
  if (fields.some((path) => path.length === 1 && BASIC_FIELDS.includes(String(path[0])))) return 0;
  if (fields.some((path) => PRICE_FIELDS.includes(String(path[0])))) return 1;
  return undefined;
}

export function ExperimentWizard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { canEdit } = useRole();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<ExperimentDraft>(initialDraft);
  const input = useMemo(() => toCreateInput(draft), [draft]);
  const v = useValidation(ZCreateExperimentInput, input);

  const create = useMutation(
    trpc.experiments.create.mutationOptions({
      onError: (error) => {
        v.fromServer(error);
        // A taken key or a bad price belongs to an earlier step: show it there.
        const earlier = stepOfError(error);
        if (earlier !== undefined) setStep(earlier);
      },
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.experiments.list.queryKey() });
        setStep(INSTALL);
      },
    }),
  );
  const start = useMutation(trpc.experiments.start.mutationOptions());

  const update = (patch: Partial<ExperimentDraft>, touched: string) => {
    setDraft((d) => ({ ...d, ...patch }));
    v.touch(touched);
  };
  const setPrices = (prices: PriceDraft[], touched: string) => {
    setDraft((d) => ({ ...d, prices }));
    v.touch(touched);
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (step === 0) {
      if (v.checkFields(BASIC_FIELDS)) setStep(1);
      return;
    }
    if (step === 1) {
      if (v.checkFields(PRICE_FIELDS)) setStep(2);
      return;
    }
    const data = v.validateAll();
    if (data) create.mutate(data);
  }

  if (!canEdit) {
    return (
      <div className="alert info" role="note">
        Only owners and admins create experiments. You can follow the results of every experiment under Experiments.
      </div>
    );
  }

  const created = create.data;
  return (
    <div className="card">
      <ol className="steps" aria-label="Progress">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      {step < INSTALL ? (
        <form onSubmit={onSubmit} noValidate aria-label={STEPS[step]}>
          {step === 0 ? <BasicsStep draft={draft} update={update} errorFor={v.errorFor} /> : null}
          {step === 1 ? <PricesStep draft={draft} setPrices={setPrices} errorFor={v.errorFor} /> : null}
          {step === 2 ? <DecisionStep draft={draft} update={update} errorFor={v.errorFor} /> : null}
          {v.formError && step >= 1 ? (
            <p className="field-error" role="alert">
              {v.formError}
            </p>
          ) : null}
          <MutationStatus
            isPending={create.isPending}
            isSuccess={false}
            error={create.error}
            pending="Creating the experiment…"
            fields={FIELDS_SHOWN}
          />
          <div className="row">
            {step > 0 ? (
              <button type="button" className="button secondary" onClick={() => setStep(step - 1)}>
                Back
              </button>
            ) : null}
            <button type="submit" className="button" disabled={create.isPending}>
              {step === 0 ? "Next: prices" : step === 1 ? "Next: decision" : create.isPending ? "Creating…" : "Create experiment"}
            </button>
          </div>
        </form>
      ) : created ? (
        <div className="stack">
          <div className="alert good" role="status">
            Experiment <strong>{created.name}</strong> created as a draft with {created.variants.length} prices.
          </div>
          <InstallSnippet experimentKey={created.key} />
          <MutationStatus
            isPending={start.isPending}
            isSuccess={start.isSuccess}
            error={start.error}
            pending="Starting…"
            success="Running: new visitors now get one of the prices."
          />
          <div className="row">
            {start.isSuccess ? null : (
              <button type="button" className="button" disabled={start.isPending} onClick={() => start.mutate({ id: created.id })}>
                Start the experiment now
              </button>
            )}
            <Link className="button secondary" href={`/experiments/${created.id}`}>
              Open the experiment
            </Link>
          </div>
        </div>
      ) : null}
    </div>
  );
}
