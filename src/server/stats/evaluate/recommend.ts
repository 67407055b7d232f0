import { chisquareSf } from "../dists";
import { createRng } from "../rng";
import { cholesky, fitLogitPolynomial, type GlmFit, logitPolynomialAt } from "./glm";
import type { EvalArm, Recommendation } from "./types";

/** No recommended price until every tested price has this many buyers. */
export const MIN_BUYERS_PER_PRICE = 30;
/** A demand curve needs this many different prices. */
export const MIN_PRICES_FOR_CURVE = 3;
/** Below this goodness-of-fit p-value the curve is contradicted by the data. */
export const CURVE_FIT_MIN_P = 0.01;
/** An optimum this close to the tested range's ends (fraction of the range) is "at the edge". */
export const EDGE_FRACTION = 0.02;
const DRAWS = 300;
const GRID = 100;

interface PricePoint {
  price: number;
  visitors: number;
  buyers: number;
  conversions: number;
  revenue: number;
}

function pricePoints(arms: readonly EvalArm[]): PricePoint[] {
  const byPrice = new Map<number, PricePoint>();
  for (const a of arms) {
    const p = byPrice.get(a.price) ?? { price: a.price, visitors: 0, buyers: 0, conversions: 0, revenue: 0 };
    p.visitors += a.visitors;
    p.buyers += a.convertingVisitors;
    p.conversions += a.conversions;
    p.revenue += a.revenue;
    byPrice.set(a.price, p);
  }
  return [...byPrice.values()].sort((a, b) => a.price - b.price);
}

/** Best observed price; its interval reaches halfway to the neighbouring tested prices. */
function bestTested(points: readonly PricePoint[], cost: number | null, note: string | null): Recommendation {
  const value = (p: PricePoint) => (p.revenue - (cost ?? 0) * p.conversions) / Math.max(p.visitors, 1);
  let i = 0;
  points.forEach((p, j) => {
    if (value(p) > value(points[i]!)) i = j;
  });
  const best = points[i]!;
  const prev = points[i - 1];
  const next = points[i + 1];
  return {
    price: best.price,
    low: prev ? (prev.price + best.price) / 2 : best.price,
    high: next ? (next.price + best.price) / 2 : best.price,
    basis: "best-tested",
    goal: cost === null ? "revenue" : "profit",
    note,
  };
}

interface Curve {
  beta: number[];
  centre: number;
  scale: number;
}

const valueAt = (c: Curve, price: number, cost: number) => (price - cost) * logitPolynomialAt(c.beta, (price - c.centre) / c.scale);

/** The price in [min, max] with the highest (price − cost)·conversion: grid, then golden-section polish. */
function argmax(c: Curve, min: number, max: number, cost: number): number {
  const step = (max - min) / GRID;
  let k = 0;
  let bestV = -Infinity;
  for (let j = 0; j <= GRID; j++) {
    const v = valueAt(c, min + j * step, cost);
    if (v > bestV) [bestV, k] = [v, j];
  }
  let lo = Math.max(min, min + (k - 1) * step);
  let hi = Math.min(max, min + (k + 1) * step);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let it = 0; it < 40; it++) {
    const a = hi - g * (hi - lo);
    const b = lo + g * (hi - lo);
    if (valueAt(c, a, cost) < valueAt(c, b, cost)) lo = a;
    else hi = b;
  }
  const polished = (lo + hi) / 2;
  return valueAt(c, polished, cost) >= bestV ? polished : min + k * step;
}

/** Logit-linear and logit-quadratic in price; the one with the lower AIC (quadratic needs 4+ prices). */
function fitCurve(points: readonly PricePoint[]): { fit: GlmFit; curve: Curve } | null {
  const min = points[0]!.price;
  const max = points[points.length - 1]!.price;
  const centre = (min + max) / 2;
  const scale = (max - min) / 2;
  const glm = points.map((p) => ({ x: (p.price - centre) / scale, visitors: p.visitors, buyers: p.buyers }));
  const candidates = [1, ...(points.length >= 4 ? [2] : [])].flatMap((d) => {
    const f = fitLogitPolynomial(glm, d);
    return f ? [f] : [];
  });
  const best = candidates.sort((a, b) => a.deviance + 2 * a.beta.length - (b.deviance + 2 * b.beta.length))[0];
  return best ? { fit: best, curve: { beta: best.beta, centre, scale } } : null;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (b - a) * (pos - lo);
}

export interface RecommendResult {
  recommendation: Recommendation | null;
  note: string | null;
  /** The fitted curve sampled across the tested range (never beyond it), when one was fitted. */
  curve: CurvePoint[] | null;
}

export interface CurvePoint {
  price: number;
  conversionRate: number;
}

function sample(c: Curve, min: number, max: number): CurvePoint[] {
  return Array.from({ length: 41 }, (_, i) => {
    const price = min + ((max - min) * i) / 40;
    return { price, conversionRate: logitPolynomialAt(c.beta, (price - c.centre) / c.scale) };
  });
}

/**
 * The price to charge. A logistic demand curve (logit linear or quadratic in
 * price, so revenue can peak inside the tested range) gives it when at least
 * three prices were tested, the curve fits and its peak lies inside the range;
 * otherwise the best tested price, with the reason. Never outside the tested
 * range, never a zero-width interval, nothing before every price has
 * MIN_BUYERS_PER_PRICE buyers.
 */
export function recommendPrice(arms: readonly EvalArm[], unitCost: number | null, seed: number, fmt: (x: number) => string): RecommendResult {
  const points = pricePoints(arms.filter((a) => a.price > 0));
  if (points.length < 2) return { recommendation: null, note: "A recommendation needs at least two different prices.", curve: null };
  const short = points.filter((p) => p.buyers < MIN_BUYERS_PER_PRICE);
  if (short.length > 0) {
    return {
      recommendation: null,
      note: `No recommendation until every price has ${MIN_BUYERS_PER_PRICE} buyers (${short.length} of ${points.length} not there yet).`,
      curve: null,
    };
  }
  const cost = unitCost !== null && unitCost >= 0 ? unitCost : null;
  if (points.length < MIN_PRICES_FOR_CURVE)
    return {
      recommendation: bestTested(
        points,
        cost,
        `A demand curve needs ${MIN_PRICES_FOR_CURVE} different prices; this is the best of the ${points.length} tested.`,
      ),
      note: null,
      curve: null,
    };
  const fitted = fitCurve(points);
  if (!fitted)
    return {
      recommendation: bestTested(points, cost, "The sales so far do not pin down a demand curve; this is the best tested price."),
      note: null,
      curve: null,
    };
  const { fit, curve } = fitted;
  const min = points[0]!.price;
  const max = points[points.length - 1]!.price;
  const drawn = sample(curve, min, max);
  const dof = points.length - fit.beta.length;
  if (dof > 0 && chisquareSf(fit.deviance, dof) < CURVE_FIT_MIN_P) {
    return {
      recommendation: bestTested(points, cost, "No smooth demand curve fits these sales; this is the best tested price."),
      note: null,
      curve: null,
    };
  }
  const m = cost ?? 0;
  const price = argmax(curve, min, max, m);
  const edge = EDGE_FRACTION * (max - min);
  if (price <= min + edge || price >= max - edge) {
    const where =
      price >= max - edge
        ? `at the top of the tested range (${fmt(max)}): test higher prices`
        : `at the bottom of the tested range (${fmt(min)}): test lower prices`;
    return {
      recommendation: bestTested(points, cost, `The demand curve peaks ${where}. Until then, this is the best tested price.`),
      note: null,
      curve: drawn,
    };
  }
  const l = cholesky(fit.cov);
  if (!l)
    return {
      recommendation: bestTested(points, cost, "The demand curve is too uncertain; this is the best tested price."),
      note: null,
      curve: drawn,
    };
  const rng = createRng(seed);
  const optima: number[] = [];
  for (let d = 0; d < DRAWS; d++) {
    const z = fit.beta.map(() => rng.normal(0, 1));
    const beta = fit.beta.map((b, i) => b + l[i]!.reduce((s, lij, j) => s + lij * (z[j] ?? 0), 0));
    optima.push(argmax({ ...curve, beta }, min, max, m));
  }
  optima.sort((a, b) => a - b);
  const low = quantile(optima, 0.025);
  const high = quantile(optima, 0.975);
  if (!(high - low > 0.005 * (max - min)) || !(low <= price && price <= high)) {
    return {
      recommendation: bestTested(points, cost, "The demand curve's peak is not pinned down; this is the best tested price."),
      note: null,
      curve: drawn,
    };
  }
  return {
    recommendation: { price, low, high, basis: "demand-curve", goal: cost === null ? "revenue" : "profit", note: null },
    note: null,
    curve: drawn,
  };
}
