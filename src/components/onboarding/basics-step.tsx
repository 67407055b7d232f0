"use client";

import { useEffect, useState } from "react";
import { Field } from "@/components/forms/field";
import { type ExperimentDraft, slugify } from "./draft";

// Node and each browser know different currency lists, so the server renders none and the
// browser fills in its own after hydration (the server validates the code either way).
function useCurrencyCodes(): string[] {
  const [codes, setCodes] = useState<string[]>([]);
  useEffect(() => {
    setCodes(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("currency") : ["USD", "EUR", "GBP"]);
  }, []);
  return codes;
}

export function BasicsStep(props: {
  draft: ExperimentDraft;
  update: (patch: Partial<ExperimentDraft>, touched: string) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { draft, update, errorFor } = props;
  const currencies = useCurrencyCodes();
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
          <input
            {...c}
            type="text"
            value={draft.key}
            spellCheck={false}
            autoCapitalize="off"
            onChange={(e) => update({ key: e.target.value, keyEdited: true }, "key")}
          />
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
              {currencies.map((code) => (
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
