import { describe, expect, it } from "vitest";
import { type ExperimentRow, serializeExperiment } from "./serialize";

const stored: ExperimentRow = {
  id: "7d4f4a52-6f1e-4c53-9d1a-0b1f3c2e9a10",
  tenantId: "0c9b8a7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d",
  key: "pricing",
  name: "Pricing",
  description: null,
  status: "running",
  currency: "USD",
  unitCost: null,
  startDate: null,
  endDate: null,
  targetSampleSize: null,
  winningVariantId: null,
  banditMetric: "conversion",
  mde: null,
  decisionMode: "fixed",
  revenueCap: null,
  version: 1,
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
  variants: [],
};

describe("serializeExperiment reads the stored enum columns through their parsers", () => {
  it("passes known values through", () => {
    expect(serializeExperiment(stored)).toMatchObject({ status: "running", banditMetric: "conversion", decisionMode: "fixed" });
    expect(serializeExperiment({ ...stored, banditMetric: null }).banditMetric).toBeNull();
  });

  it("fails loudly, naming the value, on one this version does not know", () => {
    expect(() => serializeExperiment({ ...stored, status: "launched" })).toThrow('Unexpected experiment status "launched"');
    expect(() => serializeExperiment({ ...stored, banditMetric: "profit" })).toThrow('Unexpected bandit metric "profit"');
    expect(() => serializeExperiment({ ...stored, decisionMode: "bayesian" })).toThrow('Unexpected decision mode "bayesian"');
  });
});
