import { seriesColor, ticks } from "./palette";

export interface IntervalRow {
  label: string;
  value: number;
  lower: number;
  upper: number;
  colorIndex: number;
}

/**
 * A forest plot: one row per variant, a dot at the estimate and a bar across
 * its interval; an optional reference line (0 for lifts). Plain SVG, scales to its container.
 */
export function IntervalChart(props: { title: string; rows: IntervalRow[]; format: (x: number) => string; reference?: number; description: string }) {
  const width = 520;
  const rowHeight = 34;
  const left = 120;
  const right = 24;
  const top = 10;
  const height = top + props.rows.length * rowHeight + 28;
  const finite = props.rows.flatMap((r) => [r.lower, r.upper, r.value]).filter(Number.isFinite);
  if (props.reference !== undefined) finite.push(props.reference);
  let min = Math.min(...finite);
  let max = Math.max(...finite);
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    min = 0;
    max = 1;
  }
  if (max - min < 1e-9) {
    min -= 0.5;
    max += 0.5;
  }
  const pad = (max - min) * 0.08;
  min -= pad;
  max += pad;
  const x = (v: number) => left + ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * (width - left - right);
  const axisY = top + props.rows.length * rowHeight + 4;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: "0.25rem" }}>{props.title}</figcaption>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.description}>
        {ticks(min, max, 5).map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top} y2={axisY} stroke="#eef0f4" />
            <text x={x(t)} y={axisY + 16} textAnchor="middle">
              {props.format(t)}
            </text>
          </g>
        ))}
        {props.reference !== undefined ? (
          <line x1={x(props.reference)} x2={x(props.reference)} y1={top} y2={axisY} stroke="#9aa3b2" strokeDasharray="4 3" />
        ) : null}
        <line className="axis" x1={left} x2={width - right} y1={axisY} y2={axisY} />
        {props.rows.map((r, i) => {
          const cy = top + i * rowHeight + rowHeight / 2;
          const color = seriesColor(r.colorIndex);
          const hasInterval = Number.isFinite(r.lower) && Number.isFinite(r.upper);
          return (
            <g key={r.label}>
              <text x={left - 8} y={cy + 4} textAnchor="end" style={{ fill: "#14171f", fontSize: 12 }}>
                {r.label.length > 16 ? `${r.label.slice(0, 15)}…` : r.label}
              </text>
              {hasInterval ? (
                <line x1={x(r.lower)} x2={x(r.upper)} y1={cy} y2={cy} stroke={color} strokeWidth={6} strokeLinecap="round" opacity={0.35} />
              ) : null}
              {Number.isFinite(r.value) ? <circle cx={x(r.value)} cy={cy} r={5} fill={color} /> : null}
              <title>{`${r.label}: ${props.format(r.value)}${hasInterval ? ` (95% interval ${props.format(r.lower)} to ${props.format(r.upper)})` : ""}`}</title>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
