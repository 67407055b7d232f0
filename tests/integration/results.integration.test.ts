import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { GET as restGET } from "../../src/app/api/v1/[...trpc]/route";
import { createCaller } from "../../src/server/api/root";
import { createContext } from "../../src/server/api/trpc";
import { getDb } from "../../src/server/db";
import { RESULTS_PROBABILITY_DRAWS, resultsSeed } from "../../src/server/results/compute-results";
import { ZExperimentResults } from "../../src/server/results/schemas";
import { createRng } from "../../src/server/stats/rng";
import {
  compareToControl,
  type EvalArm,
  evaluateExperiment,
  probabilityBestBinomial,
  probabilityBestMean,
  srmPValue,
  wilson,
  type BinomialStats,
  type MeanStats,
} from "../../src/server/stats";
import { createTestApiKey, createTestTenant, sessionCookie } from "../helpers/fixtures";

interface Arm {
  key: string;
  price: string;
  weight: number;
  isControl?: boolean;
  views: number;
  convertingVisitors: number;
  conversions: number;
  revenue: string;
  revenueSumSquares: string;
}

/** The arm's totals spread over shards 0 and 7 (cents and ten-thousandths kept exact). */
function splitIntoShards(a: Arm) {
  const half = (n: number) => Math.floor(n / 2);
  const cents = Math.round(Number(a.revenue) * 100);
  const squares = Math.round(Number(a.revenueSumSquares) * 10_000);
  const first = {
    shard: 0,
    views: half(a.views),
    conversions: half(a.conversions),
    convertingVisitors: half(a.convertingVisitors),
    revenue: (half(cents) / 100).toFixed(2),
    revenueSumSquares: (half(squares) / 10_000).toFixed(4),
  };
  return [
    first,
    {
      shard: 7,
      views: a.views - first.views,
      conversions: a.conversions - first.conversions,
      convertingVisitors: a.convertingVisitors - first.convertingVisitors,
      revenue: ((cents - half(cents)) / 100).toFixed(2),
      revenueSumSquares: ((squares - half(squares)) / 10_000).toFixed(4),
    },
  ];
}

async function createExperimentWithMetrics(
  tenantId: string,
  arms: Arm[],
  extra: { unitCost?: string; banditMetric?: string; targetSampleSize?: number; mde?: number; decisionMode?: string; currency?: string } = {},
) {
  return getDb().experiment.create({
    data: {
      tenantId,
      key: `exp-${Math.random().toString(36).slice(2, 10)}`,
      name: "Results test",
      status: "running",
      unitCost: extra.unitCost,
      banditMetric: extra.banditMetric,
      targetSampleSize: extra.targetSampleSize,
      mde: extra.mde,
      decisionMode: extra.decisionMode,
      currency: extra.currency,
      variants: {
        create: arms.map((a, position) => ({
          key: a.key,
          name: `Plan ${a.key}`,
          price: a.price,
          weight: a.weight,
          isControl: a.isControl ?? false,
          position,
          // Counters are sharded; results must add the shards up.
          metrics: { create: splitIntoShards(a) },
        })),
      },
    },
  });
}

async function callerFor(userId: string) {
  const headers = new Headers({ cookie: await sessionCookie(userId) });
  return createCaller(await createContext({ headers, requestId: `test-${Date.now()}` }));
}

const evalArm = (a: Arm): EvalArm => ({
  key: a.key,
  isControl: a.isControl ?? false,
  price: Number(a.price),
  weight: a.weight,
  visitors: a.views,
  convertingVisitors: a.convertingVisitors,
  conversions: a.conversions,
  revenue: Number(a.revenue),
  revenueSumSquares: Number(a.revenueSumSquares),
});
const binomial = (a: Arm): BinomialStats => ({ kind: "binomial", n: a.views, conversions: a.convertingVisitors });
const mean = (a: Arm): MeanStats => ({ kind: "mean", n: a.views, sum: Number(a.revenue), sumSquares: Number(a.revenueSumSquares) });

// Control: 46 buyers paid $10 once, 2 bought twice ($20). Others: every buyer once, except 1 repeat at $12.
const ARMS: Arm[] = [
  {
    key: "ten",
    price: "10.00",
    weight: 50,
    isControl: true,
    views: 1000,
    convertingVisitors: 48,
    conversions: 50,
    revenue: "500.00",
    revenueSumSquares: "5400.0000",
  },
  {
    key: "twelve",
    price: "12.00",
    weight: 25,
    views: 510,
    convertingVisitors: 30,
    conversions: 31,
    revenue: "372.00",
    revenueSumSquares: String(29 * 144 + 576),
  },
  {
    key: "fifteen",
    price: "15.00",
    weight: 25,
    views: 490,
    convertingVisitors: 18,
    conversions: 18,
    revenue: "270.00",
    revenueSumSquares: String(18 * 225),
  },
];

describe("experiments.results", () => {
  it("reports exactly what the statistics engine gives for the stored aggregates", async () => {
    const { tenant, user } = await createTestTenant("results-engine", "member");
    const exp = await createExperimentWithMetrics(tenant.id, ARMS, { unitCost: "4.00" });
    const res = await (await callerFor(user.id)).experiments.results({ id: exp.id });

    expect(ZExperimentResults.parse(res)).toEqual(res);
    expect(res.experiment).toMatchObject({
      id: exp.id,
      key: exp.key,
      status: "running",
      currency: "USD",
      unitCost: "4.00",
      winningVariantKey: null,
      revenueCap: null,
    });
    expect(res.variants.map((v) => v.key)).toEqual(["ten", "twelve", "fifteen"]);

    const control = ARMS[0]!;
    const [ten, twelve] = res.variants;
    expect(ten).toMatchObject({
      isControl: true,
      price: "10.00",
      weight: 50,
      visitors: 1000,
      convertingVisitors: 48,
      conversions: 50,
      conversionRate: 0.048,
      revenue: "500.00",
      revenuePerVisitor: 0.5,
      // (500 − 4 × 50 sales) / 1000 visitors
      profitPerVisitor: 0.3,
      comparisons: null,
    });
    expect(twelve).toMatchObject({ revenue: "372.00", conversionRate: 30 / 510, revenuePerVisitor: 372 / 510 });
    // The dashboard's conversion chart draws these, so the browser needs no statistics code.
    expect(res.variants.map((v) => v.conversionRateInterval)).toEqual(ARMS.map((a) => wilson(a.convertingVisitors, a.views)));
    expect(twelve?.profitPerVisitor).toBeCloseTo((372 - 4 * 31) / 510, 12);

    ARMS.slice(1).forEach((arm, i) => {
      const v = res.variants[i + 1];
      expect(v?.comparisons?.conversionRate).toEqual(compareToControl(binomial(control), binomial(arm)));
      expect(v?.comparisons?.revenuePerVisitor).toEqual(compareToControl(mean(control), mean(arm)));
    });
    expect(res.variants.map((v) => v.probabilityBestConversion)).toEqual(probabilityBestBinomial(ARMS.map(binomial)));
    expect(res.variants.map((v) => v.probabilityBest)).toEqual(
      probabilityBestMean(ARMS.map(mean), { seed: resultsSeed(exp.id), draws: RESULTS_PROBABILITY_DRAWS }),
    );

    const pSrm = srmPValue([1000, 510, 490], [50, 25, 25]);
    expect(res.srm.pValue).toBeCloseTo(pSrm, 12);
    expect(res.srm).toMatchObject({
      flagged: false,
      threshold: 0.0001,
      skippedReason: null,
      expected: { ten: 1000, twelve: 500, fifteen: 500 },
      periods: [],
    });

    const engine = evaluateExperiment({ arms: ARMS.map(evalArm), unitCost: 4 }, { seed: resultsSeed(exp.id) });
    expect(res.decision).toMatchObject({
      action: engine.decision.action,
      variantKey: engine.decision.variantKey,
      why: engine.decision.why,
      mode: "sequential",
      mde: 0.05,
      targetSampleSize: 5000,
      visitorsNeeded: engine.decision.visitorsNeeded ?? null,
    });
    // Fewer than 30 buyers at $15: no call, and no recommended price yet.
    expect(res.decision.why).toBe("not-enough-buyers");
    expect(res.recommendation).toBeNull();
    expect(res.recommendationNote).toMatch(/30 buyers/);
    expect(res.bandit).toBeNull();
    expect(Date.parse(res.computedAt)).not.toBeNaN();
  });

  it("gives the same decision and recommendation as evaluateExperiment on seeded random totals", async () => {
    const { tenant, user } = await createTestTenant("results-equivalence", "member");
    const caller = await callerFor(user.id);
    const rng = createRng(20261125);
    const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
    for (let run = 0; run < 12; run++) {
      const k = 2 + (run % 3);
      const n = 200 + Math.floor(rng.uniform() * 20_000);
      const arms: Arm[] = Array.from({ length: k }, (_, i) => {
        const price = 10 + i * (2 + Math.floor(rng.uniform() * 4));
        const views = rng.binomial(n * 2, 0.5);
        const buyers = rng.binomial(views, 0.02 + rng.uniform() * 0.06);
        const repeats = rng.binomial(buyers, 0.1);
        // Repeat buyers bought twice: per-visitor totals are price or 2 × price.
        const squares = (buyers - repeats) * price * price + repeats * 4 * price * price;
        return {
          key: `p${i}`,
          price: price.toFixed(2),
          weight: 1,
          isControl: i === 0,
          views,
          convertingVisitors: buyers,
          conversions: buyers + repeats,
          revenue: ((buyers + repeats) * price).toFixed(2),
          revenueSumSquares: squares.toFixed(4),
        };
      });
      const settings = run % 2 === 0 ? { targetSampleSize: 40_000, mde: 0.1 } : { decisionMode: "fixed", targetSampleSize: 10_000 };
      const exp = await createExperimentWithMetrics(tenant.id, arms, settings);
      const res = await caller.experiments.results({ id: exp.id });
      const engine = evaluateExperiment(
        {
          arms: arms.map(evalArm),
          targetSampleSize: settings.targetSampleSize,
          mde: "mde" in settings ? settings.mde : null,
          mode: run % 2 === 0 ? "sequential" : "fixed",
        },
        { seed: resultsSeed(exp.id), formatMoney: (x) => usd.format(x) },
      );
      const label = `run ${run}: ${JSON.stringify(arms.map((a) => [a.price, a.views, a.convertingVisitors]))}`;
      expect({ action: res.decision.action, variantKey: res.decision.variantKey, visitorsNeeded: res.decision.visitorsNeeded }, label).toEqual({
        action: engine.decision.action,
        variantKey: engine.decision.variantKey,
        visitorsNeeded: engine.decision.visitorsNeeded ?? null,
      });
      const rec = engine.recommendation;
      expect(res.recommendation, label).toEqual(
        rec
          ? { price: rec.price.toFixed(2), low: rec.low.toFixed(2), high: rec.high.toFixed(2), basis: rec.basis, goal: rec.goal, note: rec.note }
          : null,
      );
    }
  });

  it("writes the decision in the experiment's currency, never in dollars", async () => {
    const { tenant, user } = await createTestTenant("results-eur", "member");
    const arms: Arm[] = [
      {
        key: "ten",
        price: "10.00",
        weight: 50,
        isControl: true,
        views: 1000,
        convertingVisitors: 50,
        conversions: 50,
        revenue: "500.00",
        revenueSumSquares: "5000.0000",
      },
      {
        key: "twenty",
        price: "20.00",
        weight: 50,
        views: 1000,
        convertingVisitors: 100,
        conversions: 100,
        revenue: "2000.00",
        revenueSumSquares: String(100 * 400),
      },
    ];
    const exp = await createExperimentWithMetrics(tenant.id, arms, { currency: "EUR" });
    const res = await (await callerFor(user.id)).experiments.results({ id: exp.id });
    expect(res.decision).toMatchObject({ action: "ship", variantKey: "twenty" });
    expect(res.decision.headline).toBe("Ship €20.00: it earns 300.0% more per visitor than €10.00.");
    expect(res.decision.reason).toContain("versus €10.00");
    expect(`${res.decision.headline} ${res.decision.reason} ${res.recommendationNote ?? ""}`).not.toContain("$");
  });

  it("flags a sample-ratio mismatch and tells the founder to investigate", async () => {
    const { tenant, user } = await createTestTenant("results-srm", "member");
    const arms: Arm[] = [
      {
        key: "a",
        price: "10.00",
        weight: 50,
        isControl: true,
        views: 1000,
        convertingVisitors: 50,
        conversions: 50,
        revenue: "500.00",
        revenueSumSquares: "5000.0000",
      },
      {
        key: "b",
        price: "12.00",
        weight: 50,
        views: 800,
        convertingVisitors: 40,
        conversions: 40,
        revenue: "480.00",
        revenueSumSquares: String(40 * 144),
      },
    ];
    const exp = await createExperimentWithMetrics(tenant.id, arms);
    const res = await (await callerFor(user.id)).experiments.results({ id: exp.id });
    expect(res.srm.pValue).toBeCloseTo(srmPValue([1000, 800], [50, 50]), 12);
    expect(res.srm.pValue).toBeLessThan(0.0001);
    expect(res.srm.flagged).toBe(true);
    expect(res.decision.action).toBe("investigate");
    expect(res.variants[1]?.profitPerVisitor).toBeNull();
  });

  it("answers NOT_FOUND for another tenant's experiment exactly as for a missing one", async () => {
    const owner = await createTestTenant("results-owner");
    const other = await createTestTenant("results-other");
    const exp = await createExperimentWithMetrics(owner.tenant.id, ARMS);
    const caller = await callerFor(other.user.id);

    const foreign = await caller.experiments.results({ id: exp.id }).catch((e: unknown) => e);
    const missing = await caller.experiments.results({ id: "00000000-0000-4000-8000-000000000000" }).catch((e: unknown) => e);
    for (const error of [foreign, missing]) {
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("NOT_FOUND");
      expect((error as TRPCError).message).toBe("No experiment with this id.");
    }
    const history = await caller.experiments.reweightHistory({ id: exp.id }).catch((e: unknown) => e);
    expect((history as TRPCError).code).toBe("NOT_FOUND");
  });

  it("serves the same results over REST with a secret API key, and 404 for another tenant's", async () => {
    const { tenant } = await createTestTenant("results-rest");
    const other = await createTestTenant("results-rest-other");
    const key = await createTestApiKey(tenant.id, "secret");
    const exp = await createExperimentWithMetrics(tenant.id, ARMS);
    const res = await restGET(new Request(`http://localhost/api/v1/experiments/${exp.id}/results`, { headers: { authorization: `Bearer ${key}` } }));
    expect(res.status).toBe(200);
    const body = ZExperimentResults.parse(await res.json());
    expect(body.variants.map((v) => v.visitors)).toEqual([1000, 510, 490]);

    const foreign = await createExperimentWithMetrics(other.tenant.id, ARMS);
    const denied = await restGET(
      new Request(`http://localhost/api/v1/experiments/${foreign.id}/results`, { headers: { authorization: `Bearer ${key}` } }),
    );
    expect(denied.status).toBe(404);
  });
});
