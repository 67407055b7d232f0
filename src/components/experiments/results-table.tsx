import type { TExperimentResults, TVariantResult } from "@/server/results/schemas";
import { chance, count, fixedMoneyFormatter, labelShowsPrice, moneyFormatter, pct, rateDigits, signedPct } from "@/shared/format";
import { WeightPeriods } from "./weight-periods";

/**
 * Expected loss in money per visitor (the engine's relative risk times the control's
 * revenue per visitor, so a control that earns little cannot show "288%"): for a price,
 * what choosing it gives up if it is not the best; for the control, what keeping it gives
 * up if the best other price is better. Null when there is nothing to compare yet.
 */
function expectedLoss(results: TExperimentResults, v: TVariantResult): number | null {
  const control = results.variants.find((x) => x.isControl);
  if (!control || !(control.revenuePerVisitor > 0)) return null;
  if (v.comparisons) {
    const cmp = v.comparisons.revenuePerVisitor;
    return cmp.errorCode ? null : cmp.bayesian.riskTreatment * control.revenuePerVisitor;
  }
  const risks = results.variants.flatMap((x) =>
    x.comparisons && !x.comparisons.revenuePerVisitor.errorCode ? [x.comparisons.revenuePerVisitor.bayesian.riskControl] : [],
  );
  return risks.length ? Math.max(...risks) * control.revenuePerVisitor : null;
}

export function ResultsTable({ results }: { results: TExperimentResults }) {
  const currency = results.experiment.currency;
  const money = moneyFormatter(currency);
  const losses = new Map(results.variants.map((v) => [v.key, expectedLoss(results, v)]));
  const seen = results.variants.filter((v) => v.visitors > 0);
  // One precision per column: $2.06 beside $2.81, never $2.062 beside $2.8085.
  const rate = fixedMoneyFormatter(currency, rateDigits(seen.map((v) => v.revenuePerVisitor)));
  const lossRate = fixedMoneyFormatter(currency, rateDigits([...losses.values()].flatMap((l) => (l === null ? [] : [l]))));
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
            <th scope="col" className="num">
              Buyers
            </th>
            <th scope="col" className="num">
              Conv. rate
            </th>
            <th scope="col" className="num">
              Revenue
            </th>
            <th scope="col" className="num">
              Revenue / visitor
            </th>
            <th scope="col" className="num">
              vs control (95% CI)
            </th>
            <th scope="col" className="num">
              Chance best
            </th>
            <th scope="col" className="num">
              Expected loss / visitor
            </th>
          </tr>
        </thead>
        <tbody>
          {results.variants.map((v) => {
            const cmp = v.comparisons?.revenuePerVisitor;
            const loss = losses.get(v.key) ?? null;
            const none = v.visitors === 0;
            const priceText = money(Number(v.price));
            return (
              <tr key={v.key} data-testid={`result-${v.key}`}>
                <th scope="row" style={{ fontWeight: 600 }}>
                  {v.name} {labelShowsPrice(v.name, v.price) ? null : <span className="muted">{priceText}</span>}{" "}
                  {v.isControl ? <span className="badge control">control</span> : null}
                </th>
                <td className="num" data-label="Visitors" data-testid={`visitors-${v.key}`}>
                  <span>
                    {count(v.visitors)}
                    {expected[v.key] !== undefined ? (
                      <span className="muted cell-note">expected {count(Math.round(expected[v.key] ?? 0))}</span>
                    ) : null}
                  </span>
                </td>
                <td className="num" data-label="Buyers">
                  {count(v.convertingVisitors)}
                </td>
                <td className="num" data-label="Conv. rate">
                  {none ? "—" : pct(v.conversionRate)}
                </td>
                <td className="num" data-label="Revenue">
                  {money(Number(v.revenue))}
                </td>
                <td className="num" data-label="Revenue / visitor">
                  {none ? "—" : rate(v.revenuePerVisitor)}
                </td>
                <td className="num" data-label="vs control (95% CI)">
                  {!cmp ? (
                    "—"
                  ) : cmp.errorCode ? (
                    <span className="muted">not enough data</span>
                  ) : (
                    `${signedPct(cmp.frequentist.effect)} (${signedPct(cmp.frequentist.ciLower)} to ${signedPct(cmp.frequentist.ciUpper)})`
                  )}
                </td>
                <td className="num" data-label="Chance best">
                  {none ? "—" : chance(v.probabilityBest)}
                </td>
                <td className="num" data-label="Expected loss / visitor">
                  {loss === null ? "—" : lossRate(loss)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted" style={{ fontSize: "0.82rem" }}>
        Expected visitors follow the weights in force in each period below, so a weight change does not look like a broken split. Chance best: how
        likely this price is to earn the most per visitor. Expected loss: the revenue per visitor you would give up, on average, by choosing this
        price if it is not the best; for the control, by keeping it if another price is better. Both describe the data; the decision above makes the
        call.
      </p>
      <WeightPeriods results={results} />
    </div>
  );
}
