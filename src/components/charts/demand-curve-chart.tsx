import { seriesColor } from "./palette";

export interface CurvePoint {
  price: number;
  conversionRate: number;
  revenuePerVisitor: number;
}

export interface TestedPrice extends CurvePoint {
  label: string;
}

/**
 * The fitted demand curve (conversion rate) and the revenue per visitor it
 * implies, drawn only across the tested prices: outside them the fit is a guess,
 * so the x axis ends at the lowest and highest tested price.
 */
export function DemandCurveChart(props: {
  curve: CurvePoint[];
  tested: TestedPrice[];
  recommended: { price: number; low: number; high: number } | null;
  formatMoney: (x: number) => string;
  formatRate: (x: number) => string;
}) {
  const width = 560;
  const height = 260;
  const m = { left: 52, right: 64, top: 22, bottom: 34 };
  const prices = props.tested.map((p) => p.price);
  const lo = Math.min(...prices);
  const hi = Math.max(...prices);
  const span = hi - lo || 1;
  const inRange = props.curve.filter((p) => p.price >= lo && p.price <= hi);
  const maxConv = Math.max(...inRange.map((p) => p.conversionRate), ...props.tested.map((p) => p.conversionRate), 1e-6) * 1.15;
  const maxRpv = Math.max(...inRange.map((p) => p.revenuePerVisitor), ...props.tested.map((p) => p.revenuePerVisitor), 1e-6) * 1.15;
  const x = (p: number) => m.left + ((p - lo) / span) * (width - m.left - m.right);
  const yConv = (c: number) => height - m.bottom - (c / maxConv) * (height - m.top - m.bottom);
  const yRpv = (r: number) => height - m.bottom - (r / maxRpv) * (height - m.top - m.bottom);
  const path = (y: (p: CurvePoint) => number) => inRange.map((p, i) => `${i === 0 ? "M" : "L"}${x(p.price).toFixed(1)},${y(p).toFixed(1)}`).join(" ");
  const rec = props.recommended;
  const bandLo = rec ? Math.max(lo, rec.low) : lo;
  const bandHi = rec ? Math.min(hi, rec.high) : lo;
  const recX = rec ? x(Math.min(hi, Math.max(lo, rec.price))) : 0;
  const curves = inRange.length > 1;
  const hasRange = rec !== null && bandHi > bandLo;
  const convTicks = [0, maxConv / 2.3, maxConv / 1.15];
  const rpvTicks = [0, maxRpv / 2.3, maxRpv / 1.15];
  const summary = rec
    ? `Demand curve across the tested prices ${props.formatMoney(lo)} to ${props.formatMoney(hi)}; recommended price ${props.formatMoney(rec.price)}.`
    : `Demand curve across the tested prices ${props.formatMoney(lo)} to ${props.formatMoney(hi)}.`;
  return (
    <figure className="chart-narrow" style={{ margin: 0 }} data-testid="demand-curve-chart" data-min-price={lo} data-max-price={hi}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        {hasRange ? (
          <rect
            data-testid="recommended-band"
            x={x(bandLo)}
            y={m.top}
            width={Math.max(2, x(bandHi) - x(bandLo))}
            height={height - m.top - m.bottom}
            fill="#e5f6ed"
          />
        ) : null}
        {props.tested.map((p) => (
          <text key={`t${p.price}`} className="x-tick" x={x(p.price)} y={height - m.bottom + 16} textAnchor="middle">
            {props.formatMoney(p.price)}
          </text>
        ))}
        {convTicks.map((t) => (
          <text key={`c${t}`} x={m.left - 6} y={yConv(t) + 4} textAnchor="end">
            {`${(t * 100).toFixed(t < 0.1 ? 1 : 0)}%`}
          </text>
        ))}
        {rpvTicks.map((t) => (
          <text key={`r${t}`} x={width - m.right + 6} y={yRpv(t) + 4} textAnchor="start">
            {props.formatRate(t)}
          </text>
        ))}
        <line className="axis" data-testid="price-axis" x1={m.left} x2={width - m.right} y1={height - m.bottom} y2={height - m.bottom} />
        {curves ? (
          <>
            <path className="curve" d={path((p) => yConv(p.conversionRate))} fill="none" stroke={seriesColor(0)} strokeWidth={2} />
            <path
              className="curve"
              d={path((p) => yRpv(p.revenuePerVisitor))}
              fill="none"
              stroke={seriesColor(2)}
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          </>
        ) : null}
        {props.tested.map((p) => (
          <g key={p.label} className="tested-price">
            <title>{`${p.label}: ${(p.conversionRate * 100).toFixed(1)}% converted, ${props.formatRate(p.revenuePerVisitor)} per visitor`}</title>
            <circle cx={x(p.price)} cy={yConv(p.conversionRate)} r={4.5} fill={seriesColor(0)} stroke="#fff" />
            <rect x={x(p.price) - 4} y={yRpv(p.revenuePerVisitor) - 4} width={8} height={8} fill={seriesColor(2)} stroke="#fff" />
          </g>
        ))}
        {rec ? (
          <>
            <line x1={recX} x2={recX} y1={m.top} y2={height - m.bottom} stroke="#13804b" strokeWidth={2} />
            <text
              x={recX}
              y={m.top - 6}
              textAnchor={recX > width - m.right - 40 ? "end" : recX < m.left + 40 ? "start" : "middle"}
              style={{ fill: "#13804b", fontWeight: 700 }}
            >
              {props.formatMoney(rec.price)}
            </text>
          </>
        ) : null}
      </svg>
      {/* The legend names only what is drawn: curves when fitted, the range when it has a width. */}
      <figcaption className="legend" data-testid="demand-curve-legend">
        <span style={{ ["--swatch" as string]: seriesColor(0) }}>
          {curves ? "Conversion rate (left axis, line; dots: tested prices)" : "Conversion rate (left axis; dots: tested prices)"}
        </span>
        <span style={{ ["--swatch" as string]: seriesColor(2) }}>
          {curves
            ? "Revenue per visitor (right axis, dashed line; squares: tested prices)"
            : "Revenue per visitor (right axis; squares: tested prices)"}
        </span>
        {rec ? <span style={{ ["--swatch" as string]: "#13804b" }}>Recommended price</span> : null}
        {rec && hasRange ? <span style={{ ["--swatch" as string]: "#9fd8b9" }}>Its plausible range</span> : null}
      </figcaption>
    </figure>
  );
}
