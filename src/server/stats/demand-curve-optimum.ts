import { sigmoid } from "./demand-curve-fit";

export interface CurveParams {
  alpha: number;
  slope: number;
  centre: number;
}

export function conversionAt(c: CurveParams, price: number): number {
  return sigmoid(c.alpha + c.slope * (Math.log(price) - c.centre));
}

/** Margin per visitor, (price − cost)·p(price); cost 0 gives revenue per visitor. */
export function valueAt(c: CurveParams, price: number, cost: number): number {
  return (price - cost) * conversionAt(c, price);
}

const GRID = 120;
const INV_PHI = (Math.sqrt(5) - 1) / 2;

/**
 * Price in [min, max] maximising (price − cost)·p(price). A coarse grid finds
 * the best neighbourhood (the curve is smooth and, for falling demand,
 * single-peaked), then golden-section search polishes it. Deterministic and
 * fast enough to run once per bootstrap draw.
 */
export function optimalPrice(c: CurveParams, min: number, max: number, cost: number): number {
  if (!(max > min)) return min;
  const step = (max - min) / GRID;
  let bestK = 0;
  let bestV = -Infinity;
  for (let k = 0; k <= GRID; k++) {
    const v = valueAt(c, min + k * step, cost);
    if (v > bestV) {
      bestV = v;
      bestK = k;
    }
  }
  let lo = Math.max(min, min + (bestK - 1) * step);
  let hi = Math.min(max, min + (bestK + 1) * step);
  let x1 = hi - INV_PHI * (hi - lo);
  let x2 = lo + INV_PHI * (hi - lo);
  let f1 = valueAt(c, x1, cost);
  let f2 = valueAt(c, x2, cost);
  for (let i = 0; i < 60 && hi - lo > 1e-9 * max; i++) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + INV_PHI * (hi - lo);
      f2 = valueAt(c, x2, cost);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - INV_PHI * (hi - lo);
      f1 = valueAt(c, x1, cost);
    }
  }
  const polished = (lo + hi) / 2;
  // Golden section cannot reach an endpoint exactly; keep the grid point when
  // the optimum sits on the edge of the tested range.
  const gridPrice = min + bestK * step;
  return valueAt(c, polished, cost) >= bestV ? polished : gridPrice;
}
