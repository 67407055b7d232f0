import { oneOfParser } from "./one-of";

export const EXPERIMENT_STATUSES = ["draft", "running", "paused", "completed", "archived"] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];
export const parseExperimentStatus = oneOfParser("experiment status", EXPERIMENT_STATUSES);

/** What the bandit optimises when it moves traffic. */
export const BANDIT_METRICS = ["revenue", "conversion"] as const;
export type BanditMetric = (typeof BANDIT_METRICS)[number];
export const parseBanditMetric = oneOfParser("bandit metric", BANDIT_METRICS);

/** How a test decides: sequential (check any time) or at a fixed sample size. */
export const DECISION_MODES = ["sequential", "fixed"] as const;
export type DecisionMode = (typeof DECISION_MODES)[number];
export const parseDecisionMode = oneOfParser("decision mode", DECISION_MODES);
