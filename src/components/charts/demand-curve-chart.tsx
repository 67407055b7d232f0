import { seriesColor, ticks } from "./palette";

export interface DemandPoint {
  price: number;
  conversionRate: number;
  label: string;
}

/**
 * The fitted logistic demand curve p(price) and the revenue per visitor it
 * implies (price × p), with the tested prices as dots and the recommended price marked.
 */
export function DemandCurveChart(props: {
  intercept: number;
  slope: number;
  minPrice: number;
  maxPrice: number;
  recommended: number;
  interval: { lower: number; upper: number };
  points: DemandPoint[];
  formatMoney: (x: number) => string;
}) {
  const width = 560;
  const height = 260;
  const m = { left: 52, right: 56, top: 14, bottom: 34 };
  const lo = props.minPrice * 0.85;
  const hi = props.maxPrice * 1.15;
  const conv = (p: number) => 1 / (1 + Math.exp(-(props.intercept + props.slope * Math.log(p))));
  const samples = Array.from({ length: 80 }, (_, i) => lo + ((hi - lo) * i) / 79);
  const rpv = samples.map((p) => p * conv(p));
  const maxConv = Math.max(...samples.map(conv), ...props.points.map((p) => p.conversionRate), 1e-6) * 1.1;
  const maxRpv = Math.max(...rpv, 1e-6) * 1.1;
  const x = (p: number) => m.left + ((p - lo) / (hi - lo)) * (width - m.left - m.right);
  const yConv = (c: number) => height - m.bottom - (c / maxConv) * (height - m.top - m.bottom);
  const yRpv = (r: number) => height - m.bottom - (r / maxRpv) * (height - m.top - m.bottom);
  const path = (ys: number[]) => samples.map((p, i) => `${i === 0 ? "M" : "L"}${x(p).toFixed(1)},${(ys[i] ?? 0).toFixed(1)}`).join(" ");
  const bandLo = Math.max(lo, props.interval.lower);
  const bandHi = Math.min(hi, props.interval.upper);
  return (
    <figure className="chart-narrow" style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Demand curve: conversion rate falls as price rises; revenue per visitor peaks near ${props.formatMoney(props.recommended)}.`}
      >
        <rect x={x(bandLo)} y={m.top} width={Math.max(0, x(bandHi) - x(bandLo))} height={height - m.top - m.bottom} fill="#e5f6ed" />
        {ticks(lo, hi, 6).map((t) => (
          <text key={t} x={x(t)} y={height - m.bottom + 16} textAnchor="middle">
            {props.formatMoney(t)}
          </text>
        ))}
        {ticks(0, maxConv, 4).map((t) => (
          <text key={`c${t}`} x={m.left - 6} y={yConv(t) + 4} textAnchor="end">
            {`${(t * 100).toFixed(t < 0.1 ? 1 : 0)}%`}
          </text>
        ))}
        {ticks(0, maxRpv, 4).map((t) => (
          <text key={`r${t}`} x={width - m.right + 6} y={yRpv(t) + 4} textAnchor="start">
            {props.formatMoney(t)}
          </text>
        ))}
        <line className="axis" x1={m.left} x2={width - m.right} y1={height - m.bottom} y2={height - m.bottom} />
        <path d={path(samples.map((p) => yConv(conv(p))))} fill="none" stroke={seriesColor(0)} strokeWidth={2} />
        <path d={path(rpv.map(yRpv))} fill="none" stroke={seriesColor(2)} strokeWidth={2} strokeDasharray="6 4" />
        {props.points.map((p) => (
          <g key={p.label}>
            <circle cx={x(p.price)} cy={yConv(p.conversionRate)} r={4.5} fill={seriesColor(0)} stroke="#fff" />
            <title>{`${p.label}: ${(p.conversionRate * 100).toFixed(1)}% converted`}</title>
          </g>
        ))}
        <line x1={x(props.recommended)} x2={x(props.recommended)} y1={m.top} y2={height - m.bottom} stroke="#13804b" strokeWidth={2} />
        <text x={x(props.recommended) + 4} y={m.top + 12} style={{ fill: "#13804b", fontWeight: 700 }}>
          {`best ${props.formatMoney(props.recommended)}`}
        </text>
      </svg>
      <figcaption className="legend">
        <span style={{ ["--swatch" as string]: seriesColor(0) }}>Conversion rate (left axis; dots: tested prices)</span>
        <span style={{ ["--swatch" as string]: seriesColor(2) }}>Revenue per visitor (right axis, dashed)</span>
        <span style={{ ["--swatch" as string]: "#9fd8b9" }}>Plausible range of the best price</span>
      </figcaption>
    </figure>
  );
}
