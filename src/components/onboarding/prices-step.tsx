"use client";

import { Field } from "@/components/forms/field";
import { type ExperimentDraft, newPrice, type PriceDraft } from "./draft";

export function PricesStep(props: {
  draft: ExperimentDraft;
  setPrices: (prices: PriceDraft[], touched: string) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { draft, setPrices, errorFor } = props;
  const prices = draft.prices;
  const totalWeight = prices.reduce((s, p) => s + (Number(p.weight) > 0 ? Number(p.weight) : 0), 0);

  const patch = (i: number, change: Partial<PriceDraft>, field: string) =>
    setPrices(
      prices.map((p, j) => (j === i ? { ...p, ...change } : change.isControl ? { ...p, isControl: false } : p)),
      `variants.${i}.${field}`,
    );

  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="sr-only">Prices to test</legend>
      <p className="muted" style={{ marginTop: 0 }}>
        Test 2 to 10 prices. Weights set the share of new visitors each price gets; the control is the price you charge today.
      </p>
      <div className="price-rows">
        {prices.map((p, i) => {
          const share = totalWeight > 0 && Number(p.weight) > 0 ? Math.round((Number(p.weight) / totalWeight) * 100) : 0;
          return (
            <div className="price-row" key={p.id} data-testid={`price-row-${i}`}>
              <Field label={`Label ${i + 1}`} error={errorFor(`variants.${i}.name`) ?? errorFor(`variants.${i}.key`)}>
                {(c) => (
                  <input
                    {...c}
                    type="text"
                    value={p.name}
                    placeholder={`e.g. $${19 + i * 5}`}
                    onChange={(e) => patch(i, { name: e.target.value }, "name")}
                  />
                )}
              </Field>
              <Field label={`Price ${i + 1} (${draft.currency || "—"})`} error={errorFor(`variants.${i}.price`)}>
                {(c) => (
                  <input
                    {...c}
                    type="text"
                    inputMode="decimal"
                    value={p.price}
                    placeholder="19.00"
                    onChange={(e) => patch(i, { price: e.target.value }, "price")}
                  />
                )}
              </Field>
              <Field label={`Weight ${i + 1}`} hint={`${share}% of visitors`} error={errorFor(`variants.${i}.weight`)}>
                {(c) => (
                  <input {...c} type="number" min={1} step={1} value={p.weight} onChange={(e) => patch(i, { weight: e.target.value }, "weight")} />
                )}
              </Field>
              <label className="checkbox" style={{ alignSelf: "center" }}>
                <input type="radio" name="control" checked={p.isControl} onChange={() => patch(i, { isControl: true }, "isControl")} />
                Control
              </label>
              <button
                type="button"
                className="button secondary small"
                style={{ alignSelf: "center" }}
                disabled={prices.length <= 2}
                aria-label={`Remove price ${i + 1}`}
                onClick={() => {
                  const rest = prices.filter((_, j) => j !== i);
                  if (p.isControl && rest[0]) rest[0] = { ...rest[0], isControl: true };
                  setPrices(rest, "variants");
                }}
              >
                Remove
              </button>
            </div>
          );
        })}
      </div>
      {errorFor("variants") ? (
        <p className="field-error" role="alert">
          {errorFor("variants")}
        </p>
      ) : null}
      <button
        type="button"
        className="button secondary"
        style={{ marginTop: "0.75rem" }}
        disabled={prices.length >= 10}
        onClick={() => setPrices([...prices, newPrice()], "variants")}
      >
        Add a price
      </button>
    </fieldset>
  );
}
