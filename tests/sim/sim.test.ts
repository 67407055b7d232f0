import { describe, expect, it } from "vitest";
import { aaRows, demandCurveRows, heavyTailRows, type Row, srmRows, thinDataRow, visitorsNeededRow, worsePriceRow } from "./scenarios";

// The statistics issue's table at a tenth of `npm run sim`'s runs (a different
// seed, so the full run is not just repeated): the same bounds, checked on every
// `npm test`. The bandit row runs in src/server/stats/bandit.test.ts.
const SCALE = 0.1;
const SEED = 4242;

function expectWithin(rows: Row[]) {
  for (const row of rows) expect({ row: row.name, value: row.display, ok: row.ok }).toEqual({ row: row.name, value: row.display, ok: true });
}

describe("statistics simulations (fast)", () => {
  it("A/A tests looked at every 500 visitors rarely ship anything", () => expectWithin(aaRows(SCALE, SEED)));
  it("a 10% worse price is (almost) never shipped", () => expectWithin([worsePriceRow(SCALE, SEED)]));
  it("the demand curve finds the interior peak; no recommendation on thin data", () =>
    expectWithin([...demandCurveRows(SCALE, SEED), thinDataRow(SCALE, SEED)]));
  it("SRM knows about weight changes and still catches a real skew", () => expectWithin(srmRows(SCALE, SEED)));
  it("capped revenue keeps the lift interval's coverage under heavy tails", () => expectWithin(heavyTailRows(SCALE * 2, SEED)));
  it("visitors still needed comes from the rule that decides", () => expectWithin([visitorsNeededRow(SCALE * 2, SEED)]));
});
