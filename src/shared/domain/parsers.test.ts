import { describe, expect, it } from "vitest";
import { API_KEY_KINDS, parseApiKeyKind } from "./api-keys";
import { BANDIT_METRICS, DECISION_MODES, EXPERIMENT_STATUSES, parseBanditMetric, parseDecisionMode, parseExperimentStatus } from "./experiments";
import { hasRole, parseRole, ROLES } from "./members";
import { isPlan, PLANS } from "./tenants";

const parsers = [
  { parse: parseExperimentStatus, values: EXPERIMENT_STATUSES, what: "experiment status" },
  { parse: parseBanditMetric, values: BANDIT_METRICS, what: "bandit metric" },
  { parse: parseDecisionMode, values: DECISION_MODES, what: "decision mode" },
  { parse: parseRole, values: ROLES, what: "role" },
  { parse: parseApiKeyKind, values: API_KEY_KINDS, what: "API key kind" },
];

describe("parsers of stored enum columns", () => {
  it.each(parsers)("$what: accepts every known value as it is", ({ parse, values }) => {
    for (const v of values) expect(parse(v)).toBe(v);
  });

  it.each(parsers)("$what: an unknown stored value throws naming it and the known ones", ({ parse, values, what }) => {
    expect(() => parse("Launched")).toThrow(`Unexpected ${what} "Launched": expected one of ${values.join(", ")}.`);
    expect(() => parse("")).toThrow(`Unexpected ${what} "":`);
    // Case matters: the columns hold the exact lower-case words.
    expect(() => parse(values[0].toUpperCase())).toThrow(`"${values[0].toUpperCase()}"`);
  });
});

describe("roles and plans", () => {
  it("ranks member < admin < owner", () => {
    expect(ROLES.map((r) => ROLES.filter((min) => hasRole(r, min)))).toEqual([["owner", "admin", "member"], ["admin", "member"], ["member"]]);
  });

  it("knows the plans and nothing else", () => {
    expect(PLANS.every(isPlan)).toBe(true);
    expect(isPlan("gold")).toBe(false);
  });
});
