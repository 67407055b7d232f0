import { DemandCurveChart } from "@/components/charts/demand-curve-chart";
import type { TExperimentResults } from "@/server/results/schemas";
import { moneyFormatter, pct } from "./format";

export function DemandCurvePanel({ results }: { results: TExperimentResults }) {
  const money = moneyFormatter(results.experiment.currency);
  const curve = results.demandCurve;
  if (results.variants.length < 3) {
    return <p className="muted">A demand curve needs at least three prices; this experiment tests {results.variants.length}.</p>;
  }
  if (!curve.fitted) return <p className="muted">No demand curve yet: {curve.reason}</p>;
  const best = curve.revenue;
  return (
    <div className="stack">
      <p style={{ margin: 0 }} data-testid="recommended-price">
        Recommended price for revenue: <strong>{money(Number(best.price))}</strong> (plausible range {money(Number(best.interval.lower))}–
        {money(Number(best.interval.upper))}), converting about {pct(best.conversionRate)} of visitors.
        {curve.profit ? (
          <>
            {" "}
            For profit: <strong>{money(Number(curve.profit.price))}</strong>.
          </>
        ) : null}
      </p>
      {best.message ? <p className="muted" style={{ margin: 0 }}>{best.message}</p> : null}
      {!curve.goodnessOfFit.fitsWell ? (
        <p className="alert warn" style={{ margin: 0 }}>
          The curve does not fit the tested prices well (p = {curve.goodnessOfFit.pValue.toFixed(3)}); treat the recommendation with care.
        </p>
      ) : null}
      <DemandCurveChart
        intercept={curve.intercept}
        slope={curve.slope}
        minPrice={Number(curve.priceRange.min)}
        maxPrice={Number(curve.priceRange.max)}
        recommended={Number(best.price)}
        interval={{ lower: Number(best.interval.lower), upper: Number(best.interval.upper) }}
        points={results.variants.map((v) => ({ price: Number(v.price), conversionRate: v.conversionRate, label: v.name }))}
        formatMoney={money}
      />
    </div>
  );
}
