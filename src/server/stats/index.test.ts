import { describe, expect, it } from "vitest";
import * as stats from "./index";

describe("public API", () => {
  it("exposes the engine from one entry point", () => {
    const fns = [
      "compareToControl",
      "srmPValue",
      "isSrmFlagged",
      "probabilityBestBinomial",
      "probabilityBestMean",
      "evaluateExperiment",
      "nextBanditWeights",
    ] as const;
    for (const name of fns) expect(typeof stats[name]).toBe("function");
    expect(stats.SRM_ALARM_THRESHOLD).toBe(0.0001);
    expect(stats.DEFAULT_SEQUENTIAL_TUNING).toBe(5000);
  });

  it("works end to end on one pricing test", () => {
    const control = { kind: "binomial", n: 10000, conversions: 412 } as const;
    const treatment = { kind: "binomial", n: 10100, conversions: 455 } as const;
    expect(stats.compareToControl(control, treatment).errorCode).toBeNull();
    expect(stats.isSrmFlagged(stats.srmPValue([control.n, treatment.n], [1, 1]))).toBe(false);
  });
});
