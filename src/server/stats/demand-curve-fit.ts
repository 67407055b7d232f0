import { chisquareSf } from "./dists";

export interface DemandArm {
  price: number;
  visitors: number;
  conversions: number;
}

/**
 * Logistic fit of conversion on centred log price:
 *   p(price) = 1 / (1 + exp(−(alpha + slope·(ln price − centre))))
 * Centring keeps the two coefficients nearly uncorrelated, which makes both
 * Newton–Raphson and the bootstrap draws numerically tame.
 */
export interface LogisticFit {
  alpha: number;
  slope: number;
  centre: number;
  /** Inverse Fisher information of (alpha, slope): [var α, cov, var slope]. */
  cov: [number, number, number];
  deviance: number;
}

export function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

function logLik(arms: readonly DemandArm[], xs: readonly number[], alpha: number, slope: number): number {
  return arms.reduce((acc, arm, i) => {
    const eta = alpha + slope * (xs[i] ?? 0);
    // log(1 + e^η) without overflow for large η.
    const log1pExp = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    return acc + arm.conversions * eta - arm.visitors * log1pExp;
  }, 0);
}

/** y·ln(y/μ) with the 0·ln 0 = 0 convention. */
function xlogx(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

export function deviance(arms: readonly DemandArm[], xs: readonly number[], alpha: number, slope: number): number {
  return arms.reduce((acc, arm, i) => {
    const mu = arm.visitors * sigmoid(alpha + slope * (xs[i] ?? 0));
    return acc + 2 * (xlogx(arm.conversions, mu) + xlogx(arm.visitors - arm.conversions, arm.visitors - mu));
  }, 0);
}

/**
 * With one covariate the MLE is infinite exactly when some price splits the
 * data into "only buyers" on one side and "only non-buyers" on the other
 * (touching allowed). That includes having no buyers or no non-buyers at all.
 */
function isSeparated(arms: readonly DemandArm[]): boolean {
  const buyers = arms.filter((a) => a.conversions > 0).map((a) => a.price);
  const nonBuyers = arms.filter((a) => a.conversions < a.visitors).map((a) => a.price);
  if (buyers.length === 0 || nonBuyers.length === 0) return true;
  return Math.max(...buyers) <= Math.min(...nonBuyers) || Math.max(...nonBuyers) <= Math.min(...buyers);
}

/**
 * Maximum likelihood by Newton–Raphson (= IRLS for the canonical link) with
 * step halving whenever a step lowers the likelihood. Returns null when there
 * is no finite MLE (e.g. no conversions anywhere, or prices that perfectly
 * separate buyers from non-buyers) or the information matrix is singular.
 */
export function fitLogistic(arms: readonly DemandArm[]): LogisticFit | null {
  if (isSeparated(arms)) return null;
  const totalN = arms.reduce((s, a) => s + a.visitors, 0);
  const totalY = arms.reduce((s, a) => s + a.conversions, 0);
  const logs = arms.map((a) => Math.log(a.price));
  const centre = arms.reduce((s, a, i) => s + a.visitors * (logs[i] ?? 0), 0) / totalN;
  const xs = logs.map((x) => x - centre);

  let alpha = Math.log(totalY / (totalN - totalY));
  let slope = 0;
  let ll = logLik(arms, xs, alpha, slope);
  let info: [number, number, number] = [0, 0, 0];
  for (let iter = 0; iter < 100; iter++) {
    let g0 = 0, g1 = 0, i00 = 0, i01 = 0, i11 = 0;
    arms.forEach((arm, i) => {
      const x = xs[i] ?? 0;
      const p = sigmoid(alpha + slope * x);
      const r = arm.conversions - arm.visitors * p;
      const w = arm.visitors * p * (1 - p);
      g0 += r;
      g1 += r * x;
      i00 += w;
      i01 += w * x;
      i11 += w * x * x;
    });
    info = [i00, i01, i11];
    const det = i00 * i11 - i01 * i01;
    if (!(det > 1e-12 * i00 * i11)) return null;
    let d0 = (i11 * g0 - i01 * g1) / det;
    let d1 = (i00 * g1 - i01 * g0) / det;
    let next = logLik(arms, xs, alpha + d0, slope + d1);
    for (let halvings = 0; !(next >= ll) && halvings < 40; halvings++) {
      d0 /= 2;
      d1 /= 2;
      next = logLik(arms, xs, alpha + d0, slope + d1);
    }
    if (!(next >= ll)) break;
    alpha += d0;
    slope += d1;
    const converged = Math.abs(d0) + Math.abs(d1) < 1e-10 || next - ll < 1e-12;
    ll = next;
    if (converged) break;
  }
  // A runaway slope means (quasi-)separation: the likelihood keeps rising
  // without a finite maximum, so there is no curve worth reporting.
  if (!(Math.abs(slope) < 50 && Math.abs(alpha) < 50)) return null;
  const [i00, i01, i11] = info;
  const det = i00 * i11 - i01 * i01;
  const cov: [number, number, number] = [i11 / det, -i01 / det, i00 / det];
  if (!cov.every(Number.isFinite) || !(cov[0] > 0 && cov[2] > 0)) return null;
  return { alpha, slope, centre, cov, deviance: deviance(arms, xs, alpha, slope) };
}

export interface GoodnessOfFit {
  deviance: number;
  dof: number;
  pValue: number;
  /** False when the curve's shape is contradicted by the data (p < 0.05). */
  fitsWell: boolean;
}

/** Deviance against the saturated model, chi-square with arms − 2 dof. */
export function goodnessOfFit(fit: LogisticFit, arms: number): GoodnessOfFit {
  const dof = arms - 2;
  const pValue = dof > 0 ? chisquareSf(Math.max(0, fit.deviance), dof) : 1;
  return { deviance: fit.deviance, dof, pValue, fitsWell: pValue >= 0.05 };
}
