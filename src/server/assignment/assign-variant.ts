import "server-only";
import { LRUCache } from "lru-cache";
import { getExperimentConfig, type CacheDeps, type ExperimentConfig, type VariantConfig } from "@/server/cache/experiment-config";
import { failOpen } from "@/server/cache/fail-open";
import { fieldError } from "@/server/lib/app-error";
import { countLookup } from "@/server/metrics/cache-stats";
import { releaseVisitor, reserveVisitor } from "@/server/usage/usage-counter";
import { bucketVisitor } from "./bucketing";
import { findStoredAssignment, storeAssignment } from "./store-assignment";

export interface AssignResult {
  experimentKey: string;
  variantKey: string;
  price: string;
  currency: string;
  metadata: Record<string, unknown>;
  inExperiment: boolean;
  reason:
    "assigned" | "returning" | "not_started" | "paused" | "archived" | "ended" | "completed_winner" | "converted_price_kept" | "usage_limit_exceeded";
}

/** The seed's TTL for cached assignments. */
export const ASSIGNMENT_TTL_SECONDS = 300;
const assignmentKey = (experimentId: string, visitorId: string) => `po:asg:${experimentId}:${visitorId}`;
// Assignments never change once stored, so an in-process copy is always right;
// Redis shares them between instances, the database is the truth.
const localAssignments = new LRUCache<string, string>({ max: 100_000 });

function result(config: ExperimentConfig, variant: VariantConfig, inExperiment: boolean, reason: AssignResult["reason"]): AssignResult {
  return {
    experimentKey: config.key,
    variantKey: variant.key,
    price: variant.price,
    currency: config.currency,
    metadata: variant.metadata,
    inExperiment,
    reason,
  };
}

function controlOf(config: ExperimentConfig): VariantConfig {
  const control = config.variants.find((v) => v.isControl) ?? config.variants[0];
  if (!control) throw new Error(`experiment ${config.id} has no variants`);
  return control;
}

async function completedAnswer(deps: CacheDeps, config: ExperimentConfig, visitorId: string): Promise<AssignResult> {
  const winner = config.variants.find((v) => v.id === config.winningVariantId) ?? controlOf(config);
  // A visitor who bought keeps the price they bought at.
  const stored = await findStoredAssignment(deps.db, config.id, visitorId);
  if (stored && stored.conversions > 0 && stored.variantId !== winner.id) {
    const bought = config.variants.find((v) => v.id === stored.variantId);
    if (bought) return result(config, bought, false, "converted_price_kept");
  }
  return result(config, winner, false, "completed_winner");
}

async function redisAssignment(deps: CacheDeps, key: string): Promise<string | null> {
  const value = await failOpen("assignment.get", () => deps.redis.get<string>(key), null);
  countLookup("assignment", "redis", value ? "hit" : "miss");
  return value;
}

export async function assignVariant(
  deps: CacheDeps,
  tenantId: string,
  input: { experimentKey: string; visitorId: string },
  now = new Date(),
): Promise<AssignResult> {
  const config = await getExperimentConfig(deps, tenantId, input.experimentKey);
  if (!config) throw fieldError("NOT_FOUND", "EXPERIMENT_NOT_FOUND", "experimentKey", `no experiment "${input.experimentKey}".`);

  switch (config.status) {
    case "draft":
      return result(config, controlOf(config), false, "not_started");
    case "paused":
      return result(config, controlOf(config), false, "paused");
    case "archived":
      return result(config, controlOf(config), false, "archived");
    case "completed":
      return completedAnswer(deps, config, input.visitorId);
  }
  if (config.endDate && new Date(config.endDate) <= now) return result(config, controlOf(config), false, "ended");

  const cacheKey = assignmentKey(config.id, input.visitorId);
  const localHit = localAssignments.get(cacheKey);
  countLookup("assignment", "local", localHit ? "hit" : "miss");
  const cachedVariantId = localHit ?? (await redisAssignment(deps, cacheKey));
  const cached = cachedVariantId ? config.variants.find((v) => v.id === cachedVariantId) : undefined;
  if (cached) {
    localAssignments.set(cacheKey, cached.id);
    return result(config, cached, true, "returning");
  }

  const bucketed =
    config.variants[
      bucketVisitor(
        config.key,
        input.visitorId,
        config.variants.map((v) => v.weight),
      )
    ];
  if (!bucketed) throw new Error(`experiment ${config.id} has no variants`);
  // A new visitor uses one unit of the month's usage; over the limit they see the
  // control and stay out, while visitors already assigned keep their price.
  const usage = await reserveVisitor(deps, tenantId, now);
  if (usage === "over_limit") {
    const known = await findStoredAssignment(deps.db, config.id, input.visitorId);
    const keeps = known ? config.variants.find((v) => v.id === known.variantId) : undefined;
    if (!keeps) return result(config, controlOf(config), false, "usage_limit_exceeded");
    localAssignments.set(cacheKey, keeps.id);
    return result(config, keeps, true, "returning");
  }
  // Sticky: the stored first assignment wins over the current weights.
  const stored = await storeAssignment(deps.db, config.id, bucketed.id, input.visitorId).catch(async (error: unknown) => {
    if (usage === "reserved") await releaseVisitor(deps, tenantId, now);
    throw error;
  });
  if (!stored.created && usage === "reserved") await releaseVisitor(deps, tenantId, now);
  const variant = config.variants.find((v) => v.id === stored.variantId) ?? bucketed;
  localAssignments.set(cacheKey, variant.id);
  await failOpen("assignment.set", () => deps.redis.set(cacheKey, variant.id, { ex: ASSIGNMENT_TTL_SECONDS }), null);
  return result(config, variant, true, stored.created ? "assigned" : "returning");
}
