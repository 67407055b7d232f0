import { afterAll, describe, it } from "vitest";
import { compareToControl } from "./compare";
import { deviation, expectClose } from "./test-helpers";
import type { ArmStats, BinomialStats, FrequentistResult, MeanStats } from "./types";

const mean = (sum: number, sumSquares: number, n: number): MeanStats => ({ kind: "mean", n, sum, sumSquares });
const prop = (conversions: number, n: number): BinomialStats => ({ kind: "binomial", n, conversions });

interface Vector {
  name: string;
  control: ArmStats;
  treatment: ArmStats;
  tuning: number;
  /** effect, standard error, dof, ci lower, ci upper, p-value */
  rel: number[];
  abs: number[];
  /** ci lower, ci upper, p-value */
  seq: number[];
  /** chance to win, ci lower, ci upper, risk control, risk treatment */
  bayes: number[];
}

// gbstats' tests only pin 5 decimals, so these full-precision values were
// produced by evaluating gbstats 0.8's formulas with the same scipy calls it
// makes (scipy.stats t.cdf/t.ppf, norm.sf/norm.ppf, truncnorm.stats for the
// risk). The first six input pairs are the ones in gbstats' test_tests.py
// files (frequentist and bayesian); the last two are pricing-shaped extras.
const VECTORS: Vector[] = [
  {
    name: "ttest_mean",
    control: mean(1396.87, 52377.9767, 3407),
    treatment: mean(2422.7, 134698.29, 3461),
    tuning: 5000,
    rel: [0.7073170731707317, 0.3787943616681428, 5841.742032093565, -0.03526008906611777, 1.449894235407581, 0.06191182745618362],
    abs: [0.29, 0.12478363158758794, 5841.742032093565, 0.04537789255929012, 0.5346221074407098, 0.020158402643587037],
    seq: [-0.4444237691289097, 1.859057915470373, 0.6986728582483058],
    bayes: [0.9690691085323815, -0.03510623324566797, 1.449740379587131, 0.7118738401388185, 0.004556766968086795],
  },
  {
    name: "ttest_binom",
    control: prop(14, 28),
    treatment: prop(16, 30),
    tuning: 5000,
    rel: [0.06666666666666665, 0.27169855689735606, 55.70744914862206, -0.4776740282706786, 0.6110073616040119, 0.8070716832021887],
    abs: [0.033333333333333326, 0.13124354355497922, 55.70744914862206, -0.2296095491043773, 0.29627621577104396, 0.8004455444388894],
    seq: [-2.2406723126379324, 2.3740056459712653, 1.0],
    bayes: [0.59691501044424, -0.46585271950365803, 0.5991860528369912, 0.14497205087643675, 0.07830538420977011],
  },
  {
    name: "seq_mean_1000",
    control: mean(1396.87, 52377.9767, 3000),
    treatment: mean(2422.7, 134698.29, 3461),
    tuning: 1000,
    rel: [0.5033610858562358, 0.3334122146400735, 6087.38254915977, -0.15024480398283102, 1.1569669756953027, 0.13116525736935492],
    abs: [0.23437666666666668, 0.12983081254184736, 6087.38254915977, -0.020137655346249617, 0.48889098867958297, 0.07108544979746045],
    seq: [-0.5584405051077315, 1.5651626768202032, 1.0],
    bayes: [0.9344433216857406, -0.1501148468440464, 1.156837018556518, 0.5129177214096885, 0.009556635553452646],
  },
  {
    name: "seq_prop",
    control: prop(1396, 3000),
    treatment: prop(2422, 3461),
    tuning: 5000,
    rel: [0.5038633516821496, 0.033860214798231224, 6143.160884860505, 0.43748547201990234, 0.5702412313443967, 0.0],
    abs: [0.23446441298276027, 0.011984665588422325, 6143.160884860505, 0.2109702711126937, 0.25795855485282687, 0.0],
    seq: [0.4009784966859415, 0.6067482066783577, 5.174716682839852e-44],
    bayes: [1.0, 0.4374985501688262, 0.5702281531954729, 0.5038633516821496, 4.961083739416864e-53],
  },
  {
    name: "bayes_binom",
    control: prop(49, 100),
    treatment: prop(51, 100),
    tuning: 5000,
    rel: [0.04081632653061228, 0.14725254573469446, 197.99999999999997, -0.24956826731409643, 0.331200920375321, 0.7819265538441484],
    abs: [0.020000000000000018, 0.07069653456853454, 197.99999999999997, -0.11941480179160929, 0.15941480179160933, 0.7775495695152377],
    seq: [-0.7101657621818221, 0.7917984152430467, 1.0],
    bayes: [0.6091813095808981, -0.24779335974122607, 0.3294260128024506, 0.0813958491551631, 0.04057952262455081],
  },
  {
    name: "bayes_mean",
    control: mean(100, 1002.25, 10),
    treatment: mean(105, 1111.5, 10),
    tuning: 5000,
    rel: [0.05, 0.03571589282098377, 13.235294117647058, -0.027020287095229606, 0.1270202870952296, 0.18453441914691737],
    abs: [0.5, 0.3535533905932738, 13.235294117647058, -0.26242763364401145, 1.2624276336440114, 0.18039013364543433],
    seq: [-0.4496993032993758, 0.5496993032993758, 0.9855807233405389],
    bayes: [0.9192339081566245, -0.020001863604820883, 0.12000186360482087, 0.05130981716392653, 0.001309817163926532],
  },
  {
    name: "pricing_like",
    control: prop(412, 10000),
    treatment: prop(455, 10100),
    tuning: 5000,
    rel: [0.09343458617706425, 0.07274403241093148, 20076.555740353433, -0.04914969347490837, 0.23601886582903686, 0.19900651293824922],
    abs: [0.0038495049504950474, 0.0028652515769870485, 20076.555740353433, -0.001766623528862997, 0.009465633429853092, 0.17912085477454864],
    seq: [-0.13408502812207884, 0.3209542004762073, 1.0],
    bayes: [0.9005041537521996, -0.04914109743857588, 0.23601026979270434, 0.09685763671219565, 0.0034230505351313866],
  },
  {
    name: "negative_lift",
    control: mean(5230.5, 412345.25, 9000),
    treatment: mean(4810.25, 389001.5, 9100),
    tuning: 5000,
    rel: [-0.09045213461617262, 0.16185478638968745, 18060.979979359883, -0.4077029473471946, 0.22679867811484933, 0.5762727646732837],
    abs: [-0.052567765567765656, 0.09859534212770409, 18060.979979359883, -0.2458240363226987, 0.14068850518716738, 0.5939246640451228],
    seq: [-0.5948112041330097, 0.41390693490066444, 1.0],
    bayes: [0.2881329180219185, -0.40768168666538385, 0.22677741743303848, 0.02917325815499491, 0.11962539277116754],
  },
];

function checkFrequentist(r: FrequentistResult, v: number[]): void {
  const [effect, se, dof, lo, hi, p] = v;
  expectClose(r.effect, effect ?? NaN);
  expectClose(r.standardError, se ?? NaN);
  expectClose(r.dof, dof ?? NaN);
  expectClose(r.ciLower, lo ?? NaN);
  expectClose(r.ciUpper, hi ?? NaN);
  expectClose(r.pValue, p ?? NaN);
}

describe("agreement with gbstats formulas to 1e-6 relative / 1e-9 absolute", () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const r = compareToControl(v.control, v.treatment, { sequentialTuning: v.tuning });
      checkFrequentist(r.frequentist, v.rel);
      checkFrequentist(r.frequentistAbsolute, v.abs);
      const [sLo, sHi, sP] = v.seq;
      expectClose(r.sequential.ciLower, sLo ?? NaN);
      expectClose(r.sequential.ciUpper, sHi ?? NaN);
      expectClose(r.sequential.pValue, sP ?? NaN);
      const [ctw, bLo, bHi, riskC, riskT] = v.bayes;
      expectClose(r.bayesian.chanceToWin, ctw ?? NaN);
      expectClose(r.bayesian.ciLower, bLo ?? NaN);
      expectClose(r.bayesian.ciUpper, bHi ?? NaN);
      expectClose(r.bayesian.riskControl, riskC ?? NaN);
      expectClose(r.bayesian.riskTreatment, riskT ?? NaN);
    });
  }
});

afterAll(() => {
  console.log(
    `gbstats agreement: max relative deviation ${deviation.maxRelative.toExponential(2)}, ` +
      `max absolute deviation near zero ${deviation.maxAbsoluteNearZero.toExponential(2)}`,
  );
});
