/** 1 / (1 + e^−η) without overflow. */
export function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

export interface GlmPoint {
  x: number;
  visitors: number;
  buyers: number;
}

export interface GlmFit {
  /** Coefficients of 1, x, x², … on the logit scale. */
  beta: number[];
  /** Inverse Fisher information. */
  cov: number[][];
  deviance: number;
  logLik: number;
}

const features = (x: number, p: number) => Array.from({ length: p }, (_, j) => x ** j);

function solve(a: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (!(Math.abs(m[piv]![c]!) > 1e-12)) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function invert(a: number[][]): number[][] | null {
  const n = a.length;
  const cols = Array.from({ length: n }, (_, j) =>
    solve(
      a,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  if (cols.some((c) => c === null)) return null;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => cols[j]![i]!));
}

function logLik(points: readonly GlmPoint[], beta: readonly number[]): number {
  return points.reduce((acc, pt) => {
    const eta = features(pt.x, beta.length).reduce((s, f, j) => s + f * beta[j]!, 0);
    const log1pExp = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    return acc + pt.buyers * eta - pt.visitors * log1pExp;
  }, 0);
}

const xlogy = (y: number, mu: number) => (y > 0 ? y * Math.log(y / mu) : 0);

/** Logistic regression of buyers on a polynomial of x, by Newton–Raphson with step halving. */
export function fitLogitPolynomial(points: readonly GlmPoint[], degree: number): GlmFit | null {
  const p = degree + 1;
  const n = points.reduce((a, x) => a + x.visitors, 0);
  const y = points.reduce((a, x) => a + x.buyers, 0);
  if (!(y > 0 && y < n) || points.length < p) return null;
  let beta = features(0, p).map((_, j) => (j === 0 ? Math.log(y / (n - y)) : 0));
  let ll = logLik(points, beta);
  let info: number[][] = [];
  for (let iter = 0; iter < 100; iter++) {
    const g = new Array<number>(p).fill(0);
    info = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (const pt of points) {
      const f = features(pt.x, p);
      const prob = sigmoid(f.reduce((s, v, j) => s + v * beta[j]!, 0));
      const r = pt.buyers - pt.visitors * prob;
      const w = pt.visitors * prob * (1 - prob);
      for (let i = 0; i < p; i++) {
        g[i]! += r * f[i]!;
        for (let j = 0; j < p; j++) info[i]![j]! += w * f[i]! * f[j]!;
      }
    }
    let step = solve(info, g);
    if (!step) return null;
    let next = logLik(
      points,
      beta.map((b, j) => b + step![j]!),
    );
    for (let h = 0; !(next >= ll) && h < 40; h++) {
      step = step.map((s) => s / 2);
      next = logLik(
        points,
        beta.map((b, j) => b + step![j]!),
      );
    }
    if (!(next >= ll)) break;
    beta = beta.map((b, j) => b + step[j]!);
    const done = step.reduce((a, s) => a + Math.abs(s), 0) < 1e-10 || next - ll < 1e-12;
    ll = next;
    if (done) break;
  }
  if (!beta.every((b) => Number.isFinite(b) && Math.abs(b) < 60)) return null;
  const cov = invert(info);
  if (!cov || !cov.every((row, i) => row.every(Number.isFinite) && row[i]! > 0)) return null;
  const deviance = points.reduce((acc, pt) => {
    const mu = pt.visitors * sigmoid(features(pt.x, p).reduce((s, v, j) => s + v * beta[j]!, 0));
    return acc + 2 * (xlogy(pt.buyers, mu) + xlogy(pt.visitors - pt.buyers, pt.visitors - mu));
  }, 0);
  return { beta, cov, deviance, logLik: ll };
}

/** Conversion at x under coefficients beta. */
export function logitPolynomialAt(beta: readonly number[], x: number): number {
  return sigmoid(features(x, beta.length).reduce((s, v, j) => s + v * beta[j]!, 0));
}

/** Lower-triangular L with L·Lᵀ = cov (for drawing coefficients), or null when not positive definite. */
export function cholesky(cov: readonly (readonly number[])[]): number[][] | null {
  const n = cov.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i]![j]!;
      for (let k = 0; k < j; k++) s -= l[i]![k]! * l[j]![k]!;
      if (i === j) {
        if (!(s > 0)) return null;
        l[i]![i] = Math.sqrt(s);
      } else l[i]![j] = s / l[j]![j]!;
    }
  }
  return l;
}
