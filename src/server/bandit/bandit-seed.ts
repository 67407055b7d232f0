import "server-only";
import { fnv1a32 } from "@/server/assignment/bucketing";

const HOUR_MS = 3_600_000;

/**
 * The revenue bandit's Monte Carlo is seeded from the experiment and the hour,
 * so a retried or duplicated cron run within the hour computes the same
 * weights from the same data, and a reweight can be replayed from its stored inputs.
 */
export function banditSeed(experimentId: string, now: Date): number {
  return fnv1a32(`bandit:${experimentId}:${Math.floor(now.getTime() / HOUR_MS)}`);
}
