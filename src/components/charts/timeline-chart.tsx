import { useId } from "react";
import { count } from "@/shared/format";
import { distinctTicks, seriesColor, ticks } from "./palette";

export interface TimelineSeries {
  key: string;
  name: string;
  points: { at: Date; visitors: number; revenuePerVisitor: number | null }[];
}

type Metric = "visitors" | "revenuePerVisitor";

/** Above this many points a line is drawn without a dot on every point. */
const MAX_DOTS = 48;

const fmtTime = (t: number) => new Date(t).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** One panel: one line per variant (colour by position, as in the other charts), time across, the metric up. */
function TimelinePanel(props: {
  title: string;
  description: string;
  axisLabel: string;
  series: TimelineSeries[];
  metric: Metric;
  format: (x: number) => string;
  /** Counts: the axis only has whole-number ticks. */
  integer?: boolean;
}) {
  const titleId = useId();
  const descId = useId();
  const width = 520;
  const height = 220;
  const m = { left: 64, right: 16, top: 12, bottom: 44 };
  const times = props.series.flatMap((s) => s.points.map((p) => p.at.getTime()));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = t1 - t0 || 1;
  const top = Math.max(0, ...props.series.flatMap((s) => s.points.map((p) => p[props.metric] ?? 0)).filter(Number.isFinite));
  // Counts get at least a 0–4 axis so a handful of visitors does not need fractional ticks.
  const yMax = props.integer ? Math.max(4, Math.ceil(top * 1.05)) : top > 0 ? top * 1.05 : 1;
  const yTicks = distinctTicks(
    ticks(0, yMax, 4).filter((t) => !props.integer || Number.isInteger(t)),
    props.format,
  );
  const x = (t: number) => m.left + ((t - t0) / span) * (width - m.left - m.right);
  const y = (v: number) => height - m.bottom - (v / yMax) * (height - m.top - m.bottom);
  const baseline = height - m.bottom;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600, marginBottom: "0.25rem" }} aria-hidden="true">
        {props.title}
      </figcaption>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>{props.title}</title>
        <desc id={descId}>{props.description}</desc>
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={m.left} x2={width - m.right} y1={y(t)} y2={y(t)} stroke="#eef0f4" />
            <text x={m.left - 6} y={y(t) + 4} textAnchor="end">
              {props.format(t)}
            </text>
          </g>
        ))}
        <line className="axis" x1={m.left} x2={width - m.right} y1={baseline} y2={baseline} />
        <line className="axis" x1={m.left} x2={m.left} y1={m.top} y2={baseline} />
        <text x={m.left} y={baseline + 16}>
          {Number.isFinite(t0) ? fmtTime(t0) : ""}
        </text>
        <text x={width - m.right} y={baseline + 16} textAnchor="end">
          {Number.isFinite(t1) ? `${fmtTime(t1)} (now)` : ""}
        </text>
        <text x={(m.left + width - m.right) / 2} y={height - 6} textAnchor="middle">
          Time
        </text>
        <text transform={`translate(12 ${(m.top + baseline) / 2}) rotate(-90)`} textAnchor="middle">
          {props.axisLabel}
        </text>
        {props.series.map((unfiltered, i) => {
          // A moment without visitors has no per-visitor value: it is not drawn.
          const points = unfiltered.points.flatMap((p) => {
            const v = p[props.metric];
            return v === null ? [] : [{ at: p.at, v }];
          });
          const s = { key: unfiltered.key, points };
          const color = seriesColor(i);
          const d = s.points.map((p, j) => `${j === 0 ? "M" : "L"}${x(p.at.getTime()).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
          return (
            <g key={s.key}>
              <path d={d} fill="none" stroke={color} strokeWidth={2} />
              {s.points.length <= MAX_DOTS
                ? s.points.map((p) => <circle key={p.at.getTime()} cx={x(p.at.getTime())} cy={y(p.v)} r={2.5} fill={color} />)
                : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/**
 * Cumulative visitors and revenue per visitor of each variant over time: two small
 * panels sharing the legend. Plain SVG, scales to its container.
 */
export function TimelineChart(props: { series: TimelineSeries[]; money: (x: number) => string }) {
  // One moment per price is a dot, not a line over time: say so instead of drawing lone dots.
  if (!props.series.some((s) => s.points.length >= 2)) {
    return (
      <p className="muted" data-testid="timeline-chart-empty">
        Not enough history for a chart yet: it shows once there is a recorded moment besides now (at the start and every hour while running).
      </p>
    );
  }
  return (
    <div className="stack" data-testid="timeline-chart">
      <div className="two-col">
        <TimelinePanel
          title="Cumulative visitors over time"
          description="Visitors who have seen each price since the experiment started, one line per price, ending now."
          axisLabel="Visitors"
          series={props.series}
          metric="visitors"
          format={count}
          integer
        />
        <TimelinePanel
          title="Revenue per visitor over time"
          description="All revenue so far divided by all visitors so far at each price, one line per price, ending now."
          axisLabel="Revenue per visitor"
          series={props.series}
          metric="revenuePerVisitor"
          format={props.money}
        />
      </div>
      <div className="legend">
        {props.series.map((s, i) => (
          <span key={s.key} style={{ ["--swatch" as string]: seriesColor(i) }}>
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
