import { applyWeightFloor } from "../bandit";
import { createRng } from "../rng";
import type { EvalArm } from "./types";
import type { BanditMetric } from "@/shared/domain/experiments";

/** Traffic stays where it is until every price has this many buyers. */
export const BANDIT_MIN_BUYERS = 30;
/** Exploration floor per arm: starts at EARLY_FLOOR and falls to LATE_FLOOR as buyers accumulate. */
export const BANDIT_EARLY_FLOOR = 0.1;
export const BANDIT_LATE_FLOOR = 0.02;
/** Buyers in the smallest arm at which the floor has fallen halfway. */
export const BANDIT_FLOOR_HALF_BUYERS = 200;
/**
 * Shares are P(best)^TEMPER, renormalised: a posterior that is 80% sure moves
 * two thirds of the traffic, not four fifths, so a price needs overwhelming
 * evidence before it takes nearly everything (docs/statistics.md measures the effect).
 */
export const BANDIT_TEMPER = 0.5;
const DRAWS = 4000;

export interface BanditInput {
  arms: readonly EvalArm[];
  metric: BanditMetric;
  seed: number;
}

/**
 * One posterior draw of an arm's revenue per visitor: conversion from
 * Beta(1 + buyers, 1 + non-buyers), which is exact at any count, times revenue
 * per buyer drawn around its mean with its standard error (a point mass at the
 * price for single-price purchases, where it has no spread).
 */
function revenueDraw(a: EvalArm, rng: ReturnType<typeof createRng>): number {
  const b = a.convertingVisitors;
  const conv = rng.beta(1 + b, 1 + Math.max(0, a.visitors - b));
  if (b === 0) return conv * a.price;
  const perBuyer = a.revenue / b;
  const variance = b > 1 ? Math.max(0, (a.revenueSumSquares - (a.revenue * a.revenue) / b) / (b - 1)) : 0;
  const draw = rng.normal(perBuyer, Math.sqrt(variance / b));
  return conv * Math.max(draw, 0);
}

function currentShares(arms: readonly EvalArm[]): number[] {
  const total = arms.reduce((a, x) => a + Math.max(0, x.weight), 0);
  return arms.map((x) => (total > 0 ? Math.max(0, x.weight) / total : 1 / arms.length));
}

/**
 * Thompson sampling weights for the next period: each price's share follows its
 * posterior probability of being best (tempered), after every price has BANDIT_MIN_BUYERS
 * buyers (until then the current weights stand), with an exploration floor that
 * starts high and shrinks as evidence grows, so an early unlucky streak cannot
 * starve the price that is really best. Shares sum to 1.
 */
export function nextBanditWeights(input: BanditInput): Record<string, number> {
  const { arms } = input;
  const keep = Object.fromEntries(arms.map((a, i) => [a.key, currentShares(arms)[i]!]));
  if (arms.length < 2) return keep;
  const fewest = Math.min(...arms.map((a) => a.convertingVisitors));
  if (fewest < BANDIT_MIN_BUYERS) return keep;

  const rng = createRng(input.seed);
  const wins = new Array<number>(arms.length).fill(0);
  for (let d = 0; d < DRAWS; d++) {
    let best = -Infinity;
    let bestI = 0;
    arms.forEach((a, i) => {
      const v =
        input.metric === "conversion" ? rng.beta(1 + a.convertingVisitors, 1 + Math.max(0, a.visitors - a.convertingVisitors)) : revenueDraw(a, rng);
      if (v > best) [best, bestI] = [v, i];
    });
    wins[bestI]! += 1;
  }
  const fade = BANDIT_FLOOR_HALF_BUYERS / (BANDIT_FLOOR_HALF_BUYERS + fewest);
  const floor = BANDIT_LATE_FLOOR + (BANDIT_EARLY_FLOOR - BANDIT_LATE_FLOOR) * fade;
  const tempered = wins.map((w) => (w / DRAWS) ** BANDIT_TEMPER);
  const sum = tempered.reduce((a, b) => a + b, 0);
  const shares = applyWeightFloor(
    tempered.map((t) => t / sum),
    floor,
  );
  return Object.fromEntries(arms.map((a, i) => [a.key, shares[i]!]));
}
