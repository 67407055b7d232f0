"use client";

import { Field } from "@/components/forms/field";
import { type ExperimentDraft, slugify } from "./draft";

const CURRENCIES = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : ["USD", "EUR", "GBP"];

export function BasicsStep(props: {
  draft: ExperimentDraft;
  update: (patch: Partial<ExperimentDraft>, touched: string) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { draft, update, errorFor } = props;
  return (
    <>
      <Field label="Experiment name" hint="What you are testing, e.g. “Pro plan monthly price”." error={errorFor("name")}>
        {(c) => (
          <input
            {...c}
            type="text"
            value={draft.name}
            onChange={(e) => update({ name: e.target.value, ...(draft.keyEdited ? {} : { key: slugify(e.target.value) }) }, "name")}
          />
        )}
      </Field>
      <Field label="Experiment key" hint="Your code sends this key; lower-case letters, digits, - and _." error={errorFor("key")}>
        {(c) => (
          <input {...c} type="text" value={draft.key} spellCheck={false} autoCapitalize="off" onChange={(e) => update({ key: e.target.value, keyEdited: true }, "key")} />
        )}
      </Field>
      <Field label="Currency" hint="ISO 4217 code, e.g. USD, EUR, GBP." error={errorFor("currency")}>
        {(c) => (
          <>
            <input
              {...c}
              type="text"
              list="currency-codes"
              maxLength={3}
              value={draft.currency}
              autoCapitalize="characters"
              onChange={(e) => update({ currency: e.target.value.toUpperCase() }, "currency")}
              style={{ maxWidth: "8rem" }}
            />
            <datalist id="currency-codes">
              {CURRENCIES.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <Field label="Description (optional)" error={errorFor("description")}>
        {(c) => <textarea {...c} rows={2} value={draft.description} onChange={(e) => update({ description: e.target.value }, "description")} />}
      </Field>
    </>
  );
}
