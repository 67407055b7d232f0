import type { TExperimentResults } from "@/server/results/schemas";
import { count, day } from "@/shared/format";

const SOURCE: Record<string, string> = { start: "Test started", manual: "Weights changed", bandit: "Bandit reweight" };
/** Bandits reweight often; the newest periods are the ones a person checks. */
const SHOWN = 8;

/** Shares in the table's order of prices (stored weights come back in any key order). */
function shares(weights: Record<string, number>, variants: TExperimentResults["variants"]): string {
  const total = Object.values(weights).reduce((s, w) => s + (w > 0 ? w : 0), 0);
  if (!(total > 0)) return "—";
  const known = new Set(variants.map((v) => v.key));
  const keys = [...variants.map((v) => v.key).filter((k) => k in weights), ...Object.keys(weights).filter((k) => !known.has(k))];
  const name = (key: string) => variants.find((v) => v.key === key)?.name ?? key;
  return keys.map((key) => `${name(key)} ${Math.round(((weights[key] ?? 0) / total) * 100)}%`).join(" · ");
}

/** Each stretch of time with unchanged weights: when it began, why, the split, and how many visitors arrived in it. */
export function WeightPeriods({ results }: { results: TExperimentResults }) {
  const periods = results.srm.periods;
  if (periods.length === 0) return null;
  const newest = [...periods].reverse().slice(0, SHOWN);
  const hidden = periods.length - newest.length;
  return (
    <div data-testid="weight-periods">
      <h3 style={{ fontSize: "0.95rem", margin: "0.5rem 0 0.25rem" }}>Traffic split periods</h3>
      <ul className="periods">
        {newest.map((p) => (
          <li key={`${p.startedAt}-${p.source}`}>
            <span className="period-when">
              {day(p.startedAt)} · {SOURCE[p.source] ?? p.source}
            </span>{" "}
            <span className="period-split">{shares(p.weights, results.variants)}</span>{" "}
            <span className="muted">
              ({count(p.visitors)} {p.visitors === 1 ? "visitor" : "visitors"})
            </span>
          </li>
        ))}
      </ul>
      {hidden > 0 ? (
        <p className="muted" style={{ fontSize: "0.82rem", margin: "0.25rem 0 0" }}>
          and {count(hidden)} earlier {hidden === 1 ? "period" : "periods"}.
        </p>
      ) : null}
    </div>
  );
}
