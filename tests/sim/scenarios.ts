import { evaluateExperiment, nextBanditWeights, type EvalArm } from "../../src/server/stats";
import { addBlock, createRng, emptyArms, sharesOf, type TrueArm } from "./generate";

export interface Row {
  name: string;
  value: number;
  bound: string;
  ok: boolean;
  /** How the value is shown (percent or as is). */
  display: string;
  detail?: string;
}

const pct = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/** A test looked at every `block` visitors up to `maxVisitors`: did any look ship a variant / the control? */
export function repeatedLooks(opts: { truth: TrueArm[]; runs: number; block: number; maxVisitors: number; seed: number }) {
  let shipVariant = 0;
  let shipControl = 0;
  const control = opts.truth[0]!.key;
  for (let r = 0; r < opts.runs; r++) {
    const rng = createRng(opts.seed * 1_000_003 + r);
    const arms = emptyArms(opts.truth);
    const shares = sharesOf(arms.map((a) => a.weight));
    let sawVariant = false;
    let sawControl = false;
    for (let seen = opts.block; seen <= opts.maxVisitors; seen += opts.block) {
      addBlock(rng, arms, opts.truth, opts.block, shares);
      const d = evaluateExperiment({ arms }).decision;
      if (d.action === "ship" && d.variantKey === control) sawControl = true;
      if (d.action === "ship" && d.variantKey !== control) sawVariant = true;
      if (d.action === "ship") break;
    }
    if (sawVariant) shipVariant++;
    if (sawControl) shipControl++;
  }
  return { shipVariant: shipVariant / opts.runs, shipControl: shipControl / opts.runs };
}

const AA = (k: number): TrueArm[] => Array.from({ length: k }, (_, i) => ({ key: i === 0 ? "control" : `v${i}`, price: 20, p: 0.03 }));

export function aaRows(scale: number, seed: number): Row[] {
  const runs = Math.round(4000 * scale);
  const two = repeatedLooks({ truth: AA(2), runs, block: 500, maxVisitors: 20_000, seed });
  const three = repeatedLooks({ truth: AA(3), runs, block: 500, maxVisitors: 20_000, seed: seed + 1 });
  const long = repeatedLooks({ truth: AA(2), runs: Math.round(runs / 2), block: 500, maxVisitors: 50_000, seed: seed + 2 });
  const rows = [
    { name: "A/A ever ships a variant (2 arms, 40 looks)", value: two.shipVariant, max: 0.05 },
    { name: "A/A/A ever ships a variant (3 arms, 40 looks)", value: three.shipVariant, max: 0.05 },
    { name: "A/A ever ships a variant (100 looks to 50k)", value: long.shipVariant, max: 0.05 },
    { name: "A/A ever says keep the control (2 arms)", value: two.shipControl, max: 0.025 },
    { name: "A/A/A ever says keep the control (3 arms)", value: three.shipControl, max: 0.025 },
  ];
  return rows.map((r) => ({
    name: r.name,
    value: r.value,
    bound: `≤ ${pct(r.max)}`,
    ok: r.value <= r.max,
    display: pct(r.value),
    detail: `${runs} runs`,
  }));
}

export function worsePriceRow(scale: number, seed: number): Row {
  const runs = Math.round(4000 * scale);
  const r = repeatedLooks({
    truth: [
      { key: "control", price: 20, p: 0.03 },
      { key: "cheaper", price: 18, p: 0.03 },
    ],
    runs,
    block: 500,
    maxVisitors: 20_000,
    seed,
  });
  return {
    name: "true −10% price: ships the worse price",
    value: r.shipVariant,
    bound: "≤ 0.5%",
    ok: r.shipVariant <= 0.005,
    display: pct(r.shipVariant, 2),
    detail: `${runs} runs`,
  };
}

/** Piecewise-linear true conversion between the tested prices. */
function trueConversion(prices: number[], rates: number[], x: number): number {
  for (let i = 1; i < prices.length; i++) {
    if (x <= prices[i]!) {
      const t = (x - prices[i - 1]!) / (prices[i]! - prices[i - 1]!);
      return rates[i - 1]! + t * (rates[i]! - rates[i - 1]!);
    }
  }
  return rates[rates.length - 1]!;
}

export function demandCurveRows(scale: number, seed: number): Row[] {
  const prices = [10, 15, 20, 25];
  const rates = [0.06, 0.05, 0.036, 0.022];
  const revenue = (x: number) => x * trueConversion(prices, rates, x);
  let optimum = 0;
  for (let x = 10; x <= 25; x += 0.001) optimum = Math.max(optimum, revenue(x));
  const truth: TrueArm[] = prices.map((price, i) => ({ key: `p${price}`, price, p: rates[i]! }));
  const runs = Math.round(1000 * scale);
  const losses: number[] = [];
  let zeroWidth = 0;
  let curveBased = 0;
  let outside = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 7919 + r);
    const arms = emptyArms(truth);
    arms.forEach((a, i) => {
      const buyers = rng.binomial(5000, truth[i]!.p);
      Object.assign(a, {
        visitors: 5000,
        convertingVisitors: buyers,
        conversions: buyers,
        revenue: buyers * a.price,
        revenueSumSquares: buyers * a.price * a.price,
      });
    });
    const rec = evaluateExperiment({ arms }, { seed: r + 1 }).recommendation;
    if (!rec) {
      losses.push(1);
      continue;
    }
    if (rec.basis === "demand-curve") curveBased++;
    if (!(rec.high > rec.low)) zeroWidth++;
    if (rec.low < 10 || rec.high > 25) outside++;
    losses.push(1 - revenue(rec.price) / optimum);
  }
  losses.sort((a, b) => a - b);
  const q = (p: number) => losses[Math.min(losses.length - 1, Math.floor(p * losses.length))]!;
  return [
    {
      name: "demand curve: median revenue loss vs the optimum ($16.43)",
      value: q(0.5),
      bound: "≤ 3%",
      ok: q(0.5) <= 0.03,
      display: pct(q(0.5), 2),
      detail: `${runs} runs, ${pct(curveBased / runs, 0)} from the curve`,
    },
    { name: "demand curve: 90th percentile revenue loss", value: q(0.9), bound: "≤ 10%", ok: q(0.9) <= 0.1, display: pct(q(0.9), 2) },
    {
      name: "recommended-price interval zero-width or outside the tested range",
      value: (zeroWidth + outside) / runs,
      bound: "0",
      ok: zeroWidth + outside === 0,
      display: `${zeroWidth + outside} of ${runs}`,
    },
  ];
}

/** No recommendation below the buyer threshold, and never a zero-width interval, across thin-data cases. */
export function thinDataRow(scale: number, seed: number): Row {
  const runs = Math.round(2000 * scale);
  let shownBelowThreshold = 0;
  let zeroWidth = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 31 + r);
    const n = 7 + Math.floor(rng.uniform() * 3000);
    const truth: TrueArm[] = [10, 15, 20, 25].map((price, i) => ({
      key: `p${price}`,
      price,
      p: [0.06, 0.05, 0.036, 0.022][i]! * (0.3 + rng.uniform() * 2),
    }));
    const arms = emptyArms(truth);
    arms.forEach((a, i) => {
      const buyers = rng.binomial(n, truth[i]!.p);
      Object.assign(a, {
        visitors: n,
        convertingVisitors: buyers,
        conversions: buyers,
        revenue: buyers * a.price,
        revenueSumSquares: buyers * a.price * a.price,
      });
    });
    const rec = evaluateExperiment({ arms }, { seed: r }).recommendation;
    if (rec && arms.some((a) => a.convertingVisitors < 30)) shownBelowThreshold++;
    if (rec && !(rec.high > rec.low)) zeroWidth++;
  }
  const bad = shownBelowThreshold + zeroWidth;
  return {
    name: "thin data: recommendation below 30 buyers per price, or zero-width",
    value: bad,
    bound: "0",
    ok: bad === 0,
    display: `${bad} of ${runs}`,
    detail: "7–3,000 visitors per price",
  };
}

export function banditRow(scale: number, seed: number): Row {
  const truth: TrueArm[] = [
    { key: "p10", price: 10, p: 0.05, isControl: true },
    { key: "p14", price: 14, p: 0.04 },
    { key: "p18", price: 18, p: 0.02 },
  ];
  const runs = Math.round(150 * scale);
  let wrongLocked = 0;
  let wrongHalfEarly = 0;
  let bestShare = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 104_729 + r);
    const arms = emptyArms(truth);
    let firstMoveChecked = false;
    for (let hour = 0; hour < 168; hour++) {
      addBlock(rng, arms, truth, 60, sharesOf(arms.map((a) => a.weight)));
      const w = nextBanditWeights({ arms, metric: "revenue", seed: r * 1000 + hour });
      const moved = arms.some((a) => Math.abs((w[a.key] ?? 0) - a.weight / arms.reduce((s, x) => s + x.weight, 0)) > 1e-9);
      if (moved && !firstMoveChecked) {
        firstMoveChecked = true;
        if ((w.p10 ?? 0) >= 0.5 || (w.p18 ?? 0) >= 0.5) wrongHalfEarly++;
      }
      arms.forEach((a) => (a.weight = w[a.key] ?? a.weight));
    }
    if (arms.some((a) => a.key !== "p14" && a.weight >= 0.8)) wrongLocked++;
    bestShare += arms.find((a) => a.key === "p14")!.weight;
  }
  return {
    name: "revenue bandit: a wrong arm holds ≥ 80% after a week",
    value: wrongLocked / runs,
    bound: "≤ 1%",
    ok: wrongLocked / runs <= 0.01,
    display: pct(wrongLocked / runs),
    detail: `${runs} runs; first move gives a wrong arm ≥ 50% in ${pct(wrongHalfEarly / runs)}; best arm's mean final share ${pct(bestShare / runs, 0)}`,
  };
}

export function srmRows(scale: number, seed: number): Row[] {
  const truth: TrueArm[] = [
    { key: "control", price: 20, p: 0.03 },
    { key: "b", price: 22, p: 0.028 },
  ];
  const runs = Math.round(2000 * scale);
  let falseAlarm = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 13 + r);
    const arms = emptyArms(truth, [50, 50]);
    const periods = [
      { visitors: 0, weights: { control: 50, b: 50 } },
      { visitors: 0, weights: { control: 20, b: 80 } },
      { visitors: 0, weights: { control: 70, b: 30 } },
    ];
    let alarmed = false;
    for (let seen = 500; seen <= 18_000; seen += 500) {
      const period = seen <= 6000 ? 0 : seen <= 12_000 ? 1 : 2;
      const p = periods[period]!;
      const w = [p.weights.control, p.weights.b];
      arms.forEach((a, i) => (a.weight = w[i]!));
      addBlock(rng, arms, truth, 500, sharesOf(w));
      p.visitors += 500;
      // The current period's visitors are counted as today's weights by the engine.
      const d = evaluateExperiment({ arms, periods: periods.slice(0, period) }).decision;
      if (d.action === "investigate") alarmed = true;
    }
    if (alarmed) falseAlarm++;
  }
  let caught = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 17 + r);
    const arms = emptyArms(truth, [50, 50]);
    addBlock(rng, arms, truth, 20_000, [0.48, 0.52]);
    if (evaluateExperiment({ arms }).decision.action === "investigate") caught++;
  }
  return [
    {
      name: "weights changed twice, assignment correct: any SRM alarm over 36 looks",
      value: falseAlarm / runs,
      bound: "≤ 1%",
      ok: falseAlarm / runs <= 0.01,
      display: pct(falseAlarm / runs, 2),
      detail: `${runs} runs`,
    },
    {
      name: "real 48/52 skew in one period, 20k visitors: caught",
      value: caught / runs,
      bound: "≥ 95%",
      ok: caught / runs >= 0.95,
      display: pct(caught / runs),
    },
  ];
}

/** Draws from Poisson(λ) by inversion (λ small). */
function poisson(u: () => number, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let s = p;
  const x = u();
  while (x > s) {
    k++;
    p *= lambda / k;
    s += p;
  }
  return k;
}

/** Capped aggregates of an arm from its buyers' totals. */
function cappedArm(key: string, isControl: boolean, visitors: number, totals: readonly number[], cap: number): EvalArm {
  let revenue = 0;
  let sq = 0;
  for (const t of totals) {
    const c = Math.min(t, cap);
    revenue += c;
    sq += c * c;
  }
  return {
    key,
    isControl,
    price: 20,
    weight: 1,
    visitors,
    convertingVisitors: totals.length,
    conversions: totals.length,
    revenue,
    revenueSumSquares: sq,
  };
}

/** The q-th percentile of buyers' totals across both arms, as the product computes it in SQL (percentile_cont). */
export function pooledPercentile(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo]! + (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!) * (pos - lo);
}

export const HEAVY_TAIL_CAP_PERCENTILE = 0.99;

export function heavyTailRows(scale: number, seed: number): Row[] {
  const runs = Math.round(2000 * scale);
  const sigma = 2.5;
  const mu = Math.log(20) - (sigma * sigma) / 2;
  let coveredRaw = 0;
  let coveredCapped = 0;
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 7 + r);
    const [c, t] = [1, 1.1].map((mult) => {
      const buyers = rng.binomial(20_000, 0.03);
      const totals: number[] = [];
      for (let b = 0; b < buyers; b++) {
        const purchases = 1 + poisson(() => rng.uniform(), 0.5);
        let total = 0;
        for (let k = 0; k < purchases; k++) total += Math.round(Math.exp(rng.normal(mu, sigma)) * mult * 100) / 100;
        totals.push(total);
      }
      return totals;
    }) as [number[], number[]];
    const cap = pooledPercentile([...c, ...t], HEAVY_TAIL_CAP_PERCENTILE);
    // The page's 95% interval on lift is the fixed-horizon one (alpha 0.05 for one variant).
    const interval = (capAt: number) =>
      evaluateExperiment({
        arms: [cappedArm("control", true, 20_000, c, capAt), cappedArm("t", false, 20_000, t, capAt)],
        mode: "fixed",
        targetSampleSize: 1,
        revenueCap: { type: "percentile", percentile: HEAVY_TAIL_CAP_PERCENTILE },
      }).comparisons[0]!;
    const raw = interval(Infinity);
    const capped = interval(cap);
    if (raw.liftLow <= 0.1 && 0.1 <= raw.liftHigh) coveredRaw++;
    if (capped.liftLow <= 0.1 && 0.1 <= capped.liftHigh) coveredCapped++;
  }
  return [
    {
      name: "lognormal σ=2.5, 20k/arm: 95% interval on lift covers +10% (revenue per visitor capped at the 99th percentile)",
      value: coveredCapped / runs,
      bound: "≥ 93%",
      ok: coveredCapped / runs >= 0.93,
      display: pct(coveredCapped / runs),
      detail: `${runs} runs; same interval uncapped: ${pct(coveredRaw / runs)}`,
    },
  ];
}

/** What "visitors still needed" says at the first look with enough buyers vs when the rule actually decides. */
export function visitorsNeededRow(scale: number, seed: number): Row {
  const truth: TrueArm[] = [
    { key: "control", price: 20, p: 0.03 },
    { key: "up", price: 20, p: 0.0345 },
  ];
  const runs = Math.round(400 * scale);
  const predictions: number[] = [];
  const stops: number[] = [];
  for (let r = 0; r < runs; r++) {
    const rng = createRng(seed * 101 + r);
    const arms = emptyArms(truth);
    let predicted: number | undefined;
    let stoppedAt = Infinity;
    for (let seen = 2000; seen <= 400_000; seen += 2000) {
      addBlock(rng, arms, truth, 2000, [0.5, 0.5]);
      const e = evaluateExperiment({ arms, mde: 0.15, targetSampleSize: 100_000 });
      if (predicted === undefined && e.decision.visitorsNeeded !== undefined && arms.every((a) => a.convertingVisitors >= 30))
        predicted = seen + e.decision.visitorsNeeded;
      if (e.decision.action === "ship") {
        stoppedAt = seen;
        break;
      }
    }
    if (predicted !== undefined) predictions.push(predicted);
    stops.push(stoppedAt);
  }
  predictions.sort((a, b) => a - b);
  const predictedMedian = predictions[Math.floor(predictions.length / 2)] ?? 0;
  const decidedByPrediction = stops.filter((s) => s <= predictedMedian).length / runs;
  return {
    name: "visitors still needed (true lift = MDE = 15%): share of runs decided by the predicted total",
    value: decidedByPrediction,
    bound: "70–90% (plans for 80% power)",
    ok: decidedByPrediction >= 0.7 && decidedByPrediction <= 0.9,
    display: pct(decidedByPrediction),
    detail: `predicted total ${predictedMedian.toLocaleString("en-US")}; median stop ${[...stops].sort((a, b) => a - b)[Math.floor(runs / 2)]!.toLocaleString("en-US")}`,
  };
}
