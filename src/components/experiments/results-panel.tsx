"use client";

import type { TExperimentResults } from "@/server/results/schemas";
import { count, moneyFormatter, pct } from "@/shared/format";
import { DecisionCard, SrmWarning } from "./decision-card";
import { DemandCurvePanel } from "./demand-curve-panel";
import { ResultsCharts } from "./results-charts";
import { ResultsTable } from "./results-table";

export function ResultsPanel({ results, onShip }: { results: TExperimentResults; onShip?: (variantKey: string) => void }) {
  const money = moneyFormatter(results.experiment.currency);
  const visitors = results.variants.reduce((s, v) => s + v.visitors, 0);
  const buyers = results.variants.reduce((s, v) => s + v.convertingVisitors, 0);
  const revenue = results.variants.reduce((s, v) => s + Number(v.revenue), 0);
  return (
    <div className="stack">
      <SrmWarning results={results} />
      <div className="kpis" aria-label="Totals">
        <div className="kpi">
          <div className="kpi-label">Visitors</div>
          <div className="kpi-value" data-testid="total-visitors">
            {count(visitors)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Buyers</div>
          <div className="kpi-value" data-testid="total-buyers">
            {count(buyers)}
          </div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Conversion rate</div>
          <div className="kpi-value">{visitors > 0 ? pct(buyers / visitors) : "—"}</div>
        </div>
        <div className="kpi">
          <div className="kpi-label">Revenue</div>
          <div className="kpi-value">{money(revenue)}</div>
        </div>
      </div>
      <DecisionCard results={results} onShip={onShip} />
      <section className="card" aria-labelledby="results-heading">
        <h2 id="results-heading">Results by price</h2>
        <ResultsTable results={results} />
        <ResultsCharts results={results} />
        <p className="muted" style={{ fontSize: "0.8rem", marginBottom: 0 }}>
          Updated {new Date(results.computedAt).toLocaleTimeString()} · refreshes every 10 seconds while this page is open.
        </p>
      </section>
      <section className="card" aria-labelledby="demand-heading">
        <h2 id="demand-heading">Demand curve</h2>
        <DemandCurvePanel results={results} />
      </section>
    </div>
  );
}
