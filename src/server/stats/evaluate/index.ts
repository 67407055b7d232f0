export { evaluateExperiment } from "./evaluate-experiment";
export { nextBanditWeights, BANDIT_MIN_BUYERS, BANDIT_EARLY_FLOOR, BANDIT_LATE_FLOOR, BANDIT_FLOOR_HALF_BUYERS } from "./bandit-next";
export { MIN_BUYERS_PER_ARM, DEFAULT_MDE, DEFAULT_TUNING } from "./decide";
export { MIN_BUYERS_PER_PRICE } from "./recommend";
export { expectedVisitors, srmPValueForPeriods } from "./srm-periods";
export { visitorsPerArmToDecide, FAMILY_ALPHA } from "./boundary";
export type * from "./types";
