import { seriesColor, ticks } from "./palette";

/** The bandit's weights over time, one line per variant, as shares of traffic. */
export function WeightHistoryChart(props: {
  history: { createdAt: string; weights: Record<string, number> }[];
  variants: { key: string; name: string }[];
}) {
  const width = 560;
  const height = 220;
  const m = { left: 44, right: 16, top: 12, bottom: 30 };
  const times = props.history.map((h) => new Date(h.createdAt).getTime());
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = t1 - t0 || 1;
  const x = (t: number) => m.left + ((t - t0) / span) * (width - m.left - m.right);
  const y = (share: number) => height - m.bottom - share * (height - m.top - m.bottom);
  const share = (w: Record<string, number>, key: string) => {
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    return total > 0 ? (w[key] ?? 0) / total : 0;
  };
  const fmtTime = (t: number) => new Date(t).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label="Traffic share of each price after every bandit reweight">
        {ticks(0, 1, 4).map((t) => (
          <g key={t}>
            <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="#eef0f4" />
            <text x={m.left - 6} y={y(t) + 4} textAnchor="end">{`${Math.round(t * 100)}%`}</text>
          </g>
        ))}
        <text x={m.left} y={height - 8}>
          {fmtTime(t0)}
        </text>
        <text x={width - m.right} y={height - 8} textAnchor="end">
          {fmtTime(t1)}
        </text>
        {props.variants.map((v, i) => {
          const d = props.history
            .map((h, j) => `${j === 0 ? "M" : "L"}${x(times[j] ?? t0).toFixed(1)},${y(share(h.weights, v.key)).toFixed(1)}`)
            .join(" ");
          return <path key={v.key} d={d} fill="none" stroke={seriesColor(i)} strokeWidth={2} />;
        })}
      </svg>
      <figcaption className="legend">
        {props.variants.map((v, i) => (
          <span key={v.key} style={{ ["--swatch" as string]: seriesColor(i) }}>
            {v.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
