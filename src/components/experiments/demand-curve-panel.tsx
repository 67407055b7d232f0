import { DemandCurveChart } from "@/components/charts/demand-curve-chart";
import type { TExperimentResults } from "@/server/results/schemas";
import { moneyFormatter, rateMoneyFormatter } from "@/shared/format";

type Recommendation = NonNullable<TExperimentResults["recommendation"]>;

const BASIS: Record<Recommendation["basis"], string> = {
  "demand-curve": "read off a demand curve fitted to the sales at every tested price",
  "best-tested": "the best of the prices you tested (not read off a curve)",
};

export function DemandCurvePanel({ results }: { results: TExperimentResults }) {
  const money = moneyFormatter(results.experiment.currency);
  const rate = rateMoneyFormatter(results.experiment.currency);
  const rec = results.recommendation;
  const curve = results.demandCurve;
  const tested = results.variants
    .filter((v) => v.visitors > 0)
    .map((v) => ({ price: Number(v.price), conversionRate: v.conversionRate, revenuePerVisitor: v.revenuePerVisitor, label: v.name }));
  const distinctPrices = new Set(tested.map((t) => t.price)).size;
  return (
    <div className="stack">
      {rec ? (
        <>
          <p style={{ margin: 0 }} data-testid="recommended-price">
            Recommended price for {rec.goal}: <strong>{money(Number(rec.price))}</strong> (plausible range {money(Number(rec.low))}–
            {money(Number(rec.high))}).
          </p>
          <p className="muted" style={{ margin: 0 }} data-testid="recommendation-basis">
            This price is {BASIS[rec.basis]}.{rec.note ? ` ${rec.note}` : ""}
          </p>
        </>
      ) : (
        <p className="muted" style={{ margin: 0 }} data-testid="no-recommendation">
          No recommended price yet{results.recommendationNote ? `: ${results.recommendationNote}` : "."}
        </p>
      )}
      {!curve && !rec && results.variants.length < 3 ? (
        <p className="muted" style={{ margin: 0 }}>
          A demand curve needs at least three prices; this experiment tests {results.variants.length}.
        </p>
      ) : null}
      {distinctPrices >= 2 && (curve || rec) ? (
        <DemandCurveChart
          curve={curve?.points ?? []}
          tested={tested}
          recommended={rec ? { price: Number(rec.price), low: Number(rec.low), high: Number(rec.high) } : null}
          formatMoney={money}
          formatRate={rate}
        />
      ) : null}
    </div>
  );
}
