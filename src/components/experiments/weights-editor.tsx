"use client";

import { type FormEvent, useMemo, useState } from "react";
import { z } from "zod";
import { Field } from "@/components/forms/field";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useValidation } from "@/components/forms/use-validation";
import type { TExperimentOutput } from "@/server/experiments/schemas";
import { ZWeight } from "@/shared/schemas/experiments";
import { useUpdateExperiment } from "./use-update-experiment";

const ZWeights = z.record(z.string(), ZWeight);

/** Changes the split of new visitors; returning visitors keep the price they already saw. */
export function WeightsEditor({ experiment }: { experiment: TExperimentOutput }) {
  const [draft, setDraft] = useState<Record<string, string>>(() => Object.fromEntries(experiment.variants.map((v) => [v.key, String(v.weight)])));
  const values = useMemo(() => Object.fromEntries(Object.entries(draft).map(([k, w]) => [k, w.trim() === "" ? Number.NaN : Number(w)])), [draft]);
  const v = useValidation(ZWeights, values);
  const total = Object.values(values).reduce((s, w) => s + (w > 0 ? w : 0), 0);
  const changed = experiment.variants.some((variant) => values[variant.key] !== variant.weight);
  const live = experiment.status === "running" || experiment.status === "paused";
  const save = useUpdateExperiment(experiment.id, (error) => v.fromServer(error));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const weights = v.validateAll();
    if (weights) save.mutate({ id: experiment.id, weights });
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Traffic weights">
      <div className="row">
        {experiment.variants.map((variant) => {
          const w = values[variant.key] ?? 0;
          return (
            <Field
              key={variant.key}
              className="grow"
              label={`${variant.name} (${variant.price})`}
              hint={total > 0 && w > 0 ? `${Math.round((w / total) * 100)}% of new visitors` : undefined}
              error={v.errorFor(variant.key) ?? v.errorFor(`weights.${variant.key}`)}
            >
              {(c) => (
                <input
                  {...c}
                  type="number"
                  min={1}
                  step={1}
                  value={draft[variant.key] ?? ""}
                  onChange={(e) => {
                    setDraft((d) => ({ ...d, [variant.key]: e.target.value }));
                    v.touch(variant.key);
                  }}
                />
              )}
            </Field>
          );
        })}
      </div>
      {live && changed ? <LiveChangeWarning /> : null}
      <MutationStatus
        isPending={save.isPending}
        isSuccess={save.isSuccess}
        error={save.error}
        pending="Saving weights…"
        success="Weights saved; new visitors are split accordingly."
      />
      <button type="submit" className="button small" disabled={save.isPending}>
        Save weights
      </button>
    </form>
  );
}

/** What a weight change does to a test that already has visitors, shown before it is saved. */
function LiveChangeWarning() {
  return (
    <div className="alert warn" role="note" data-testid="weights-warning" style={{ marginBottom: "0.75rem" }}>
      <strong>Before you save:</strong>
      <ul style={{ margin: "0.3rem 0 0", paddingLeft: "1.2rem" }}>
        <li>The new split applies to new visitors only; returning visitors keep the price they already saw.</li>
        <li>
          Saving starts a new weight period; the split check compares each period&rsquo;s visitors with the weights in force then, so it stays valid.
        </li>
        <li>Frequent changes slow the test down: prices that get less traffic take longer to reach a decision.</li>
      </ul>
    </div>
  );
}
