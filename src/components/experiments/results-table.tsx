import type { TExperimentResults } from "@/server/results/schemas";
import { chance, count, moneyFormatter, pct, rateMoneyFormatter, signedPct } from "./format";
import { WeightPeriods } from "./weight-periods";

/** Expected relative loss of choosing this price: vs the control for a variant, and for the control the worst case of keeping it. */
function expectedLoss(results: TExperimentResults, key: string): number | null {
  const v = results.variants.find((x) => x.key === key);
  if (!v) return null;
  if (v.comparisons) return v.comparisons.revenuePerVisitor.errorCode ? null : v.comparisons.revenuePerVisitor.bayesian.riskTreatment;
  const risks = results.variants.flatMap((x) => (x.comparisons && !x.comparisons.revenuePerVisitor.errorCode ? [x.comparisons.revenuePerVisitor.bayesian.riskControl] : []));
  return risks.length ? Math.max(...risks) : null;
}

export function ResultsTable({ results }: { results: TExperimentResults }) {
  const money = moneyFormatter(results.experiment.currency);
  const rate = rateMoneyFormatter(results.experiment.currency);
  const expected = results.srm.expected;
  return (
    <div className="table-wrap">
      <table className="data" data-testid="results-table">
        <caption className="sr-only">Results per price</caption>
        <thead>
          <tr>
            <th scope="col">Price</th>
            <th scope="col" className="num">
              Visitors <span className="sr-only">(expected from the weights)</span>
            </th>
            <th scope="col" className="num">Buyers</th>
            <th scope="col" className="num">Conv. rate</th>
            <th scope="col" className="num">Revenue</th>
            <th scope="col" className="num">Revenue / visitor</th>
            <th scope="col" className="num">vs control (95% CI)</th>
            <th scope="col" className="num">Chance best</th>
            <th scope="col" className="num">Expected loss</th>
          </tr>
        </thead>
        <tbody>
          {results.variants.map((v) => {
            const cmp = v.comparisons?.revenuePerVisitor;
            const loss = expectedLoss(results, v.key);
            return (
              <tr key={v.key}>
                <th scope="row" style={{ fontWeight: 600 }}>
                  {v.name} <span className="muted">{money(Number(v.price))}</span> {v.isControl ? <span className="badge control">control</span> : null}
                </th>
                <td className="num" data-testid={`visitors-${v.key}`}>
                  {count(v.visitors)}
                  {expected[v.key] !== undefined ? <div className="muted cell-note">expected {count(Math.round(expected[v.key] ?? 0))}</div> : null}
                </td>
                <td className="num">{count(v.convertingVisitors)}</td>
                <td className="num">{pct(v.conversionRate)}</td>
                <td className="num">{money(Number(v.revenue))}</td>
                <td className="num">{rate(v.revenuePerVisitor)}</td>
                <td className="num">
                  {!cmp ? "—" : cmp.errorCode ? <span className="muted">not enough data</span> : `${signedPct(cmp.frequentist.effect)} (${signedPct(cmp.frequentist.ciLower)} to ${signedPct(cmp.frequentist.ciUpper)})`}
                </td>
                <td className="num">{chance(v.probabilityBest)}</td>
                <td className="num">{loss === null ? "—" : pct(loss, 2)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: "0.82rem" }}>
        Expected visitors follow the weights in force in each period below, so a weight change does not look like a broken split. Chance best: how likely this
        price is to earn the most per visitor. Expected loss: the revenue per visitor you would give up, on average, by choosing this price if it is not the
        best (relative to the control). Both describe the data; the decision above makes the call.
      </p>
      <WeightPeriods results={results} />
    </div>
  );
}
