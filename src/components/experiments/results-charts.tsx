import { IntervalChart, type IntervalRow } from "@/components/charts/interval-chart";
import type { TExperimentResults } from "@/server/results/schemas";
import { pct, signedPct } from "@/shared/format";

export function ResultsCharts({ results }: { results: TExperimentResults }) {
  const lift: IntervalRow[] = results.variants.map((v, i) => {
    const cmp = v.comparisons?.revenuePerVisitor;
    if (!cmp) return { label: v.name, value: 0, lower: Number.NaN, upper: Number.NaN, colorIndex: i };
    if (cmp.errorCode) return { label: v.name, value: Number.NaN, lower: Number.NaN, upper: Number.NaN, colorIndex: i };
    return { label: v.name, value: cmp.frequentist.effect, lower: cmp.frequentist.ciLower, upper: cmp.frequentist.ciUpper, colorIndex: i };
  });
  const conversion: IntervalRow[] = results.variants.map((v, i) => {
    const ci = v.conversionRateInterval;
    return {
      label: v.name,
      value: v.visitors > 0 ? v.conversionRate : Number.NaN,
      lower: ci?.lower ?? Number.NaN,
      upper: ci?.upper ?? Number.NaN,
      colorIndex: i,
    };
  });
  return (
    <div className="two-col" data-testid="results-chart">
      <IntervalChart
        title="Revenue per visitor vs control"
        rows={lift}
        format={(x) => signedPct(x, 0)}
        reference={0}
        description="Relative difference in revenue per visitor of each price against the control, with 95% confidence intervals."
      />
      <IntervalChart
        title="Conversion rate"
        rows={conversion}
        format={(x) => pct(x, 1)}
        description="Share of visitors who bought at each price, with 95% Wilson intervals."
      />
    </div>
  );
}
