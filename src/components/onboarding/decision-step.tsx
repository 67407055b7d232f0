"use client";

import { Field } from "@/components/forms/field";
import type { CapChoice, DecisionDraft, TrafficChoice } from "./draft";

const PERCENTILES = [
  { value: "0.95", label: "95th percentile" },
  { value: "0.99", label: "99th percentile" },
  { value: "0.995", label: "99.5th percentile" },
  { value: "0.999", label: "99.9th percentile" },
];

// zod's own message for a value that is not a number reads like a type error; say it the way the form asks.
const plain = (message: string | undefined, instead: string) => (message?.startsWith("Invalid input") ? instead : message);

export function DecisionStep(props: {
  draft: DecisionDraft & { currency: string };
  update: (patch: Partial<DecisionDraft>, touched: string) => void;
  errorFor: (path: string) => string | undefined;
}) {
  const { draft, update, errorFor } = props;
  const mdeError = errorFor("mde");
  return (
    <>
      <fieldset className="choice-group">
        <legend>How the test decides</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="decisionMode"
            checked={draft.decisionMode === "sequential"}
            onChange={() => update({ decisionMode: "sequential" }, "decisionMode")}
          />
          <span>
            <strong>Sequential</strong> (recommended): safe to check the results any time; it decides as soon as the evidence is clear.
          </span>
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="decisionMode"
            checked={draft.decisionMode === "fixed"}
            onChange={() => update({ decisionMode: "fixed" }, "decisionMode")}
          />
          <span>
            <strong>Fixed sample</strong>: decides once, when the test reaches its target sample size; looking earlier does not change the call.
          </span>
        </label>
      </fieldset>
      <p className="muted" style={{ marginTop: 0 }}>
        Either way, every price needs 30 buyers before any call is made.
      </p>
      <div className="row">
        <Field
          className="grow"
          label="Minimum detectable effect (%)"
          hint="The smallest change in revenue per visitor worth acting on. Smaller differences count as “no real difference”."
          error={mdeError ? "must be a percent between 0.5 and 100" : undefined}
        >
          {(c) => (
            <input
              {...c}
              type="text"
              inputMode="decimal"
              value={draft.mde}
              onChange={(e) => update({ mde: e.target.value }, "mde")}
              style={{ maxWidth: "8rem" }}
            />
          )}
        </Field>
        <Field
          className="grow"
          label="Target sample size (visitors, all prices)"
          hint={
            draft.decisionMode === "fixed"
              ? "The test decides once it has this many visitors. Leave empty to size it from the effect above."
              : "Optional: the test is tuned to decide around this size. Leave empty to size it from the effect above."
          }
          error={plain(errorFor("targetSampleSize"), "must be a whole number")}
        >
          {(c) => (
            <input
              {...c}
              type="text"
              inputMode="numeric"
              value={draft.targetSampleSize}
              onChange={(e) => update({ targetSampleSize: e.target.value }, "targetSampleSize")}
              style={{ maxWidth: "10rem" }}
            />
          )}
        </Field>
      </div>
      <div className="row">
        <Field
          className="grow"
          label="Revenue cap"
          hint="Off by default. A cap keeps a few very large orders from swinging the result."
          error={errorFor("revenueCap")}
        >
          {(c) => (
            <select {...c} value={draft.cap} onChange={(e) => update({ cap: capChoice(e.target.value) }, "revenueCap")}>
              <option value="off">Off</option>
              <option value="percentile">At a percentile of buyers</option>
              <option value="fixed">At a fixed amount per visitor</option>
            </select>
          )}
        </Field>
        {draft.cap === "fixed" ? (
          <Field
            className="grow"
            label={`Cap per visitor (${draft.currency || "—"})`}
            error={plain(errorFor("revenueCap.amount"), "must be an amount")}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                inputMode="decimal"
                value={draft.capAmount}
                onChange={(e) => update({ capAmount: e.target.value }, "revenueCap.amount")}
              />
            )}
          </Field>
        ) : null}
        {draft.cap === "percentile" ? (
          <Field
            className="grow"
            label="Cap at"
            hint="Computed over all buyers of the test, one cap for every price."
            error={errorFor("revenueCap.percentile")}
          >
            {(c) => (
              <select {...c} value={draft.capPercentile} onChange={(e) => update({ capPercentile: e.target.value }, "revenueCap.percentile")}>
                {PERCENTILES.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <Field label="Traffic" hint="A bandit shifts new visitors toward the price that is doing best, hourly." error={errorFor("banditMetric")}>
        {(c) => (
          <select {...c} value={draft.traffic} onChange={(e) => update({ traffic: trafficChoice(e.target.value) }, "banditMetric")}>
            <option value="split">Fixed split: the weights you set</option>
            <option value="revenue">Bandit on revenue per visitor</option>
            <option value="conversion">Bandit on conversion rate</option>
          </select>
        )}
      </Field>
      {draft.traffic === "conversion" ? (
        <p className="alert warn" role="note" data-testid="conversion-bandit-warning">
          A conversion bandit moves traffic to the cheapest price by design: lower prices convert more, even when they earn less. Choose revenue per
          visitor unless more buyers is what you want.
        </p>
      ) : null}
    </>
  );
}

const capChoice = (v: string): CapChoice => (v === "fixed" || v === "percentile" ? v : "off");
const trafficChoice = (v: string): TrafficChoice => (v === "revenue" || v === "conversion" ? v : "split");
