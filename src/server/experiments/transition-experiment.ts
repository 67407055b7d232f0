import "server-only";
import { invalidateExperimentConfig, type CacheDeps } from "@/server/cache/experiment-config";
import { auditEntry } from "@/server/audit/audit-entry";
import { enqueueWebhook } from "@/server/webhooks/events";
import { appError, fieldError } from "@/server/lib/app-error";
import { openWeightPeriod } from "./weight-periods";
import { snapshotAfterTransition } from "@/server/snapshots/take-snapshots";
import { findExperimentOrThrow } from "./find-experiment";
import { parseExperimentStatus } from "@/shared/domain/experiments";
import { allowedTransitions, isTransitionAllowed, LIFECYCLE, type Transition } from "@/shared/domain/lifecycle";
import { experimentInclude, serializeExperiment } from "./serialize";

export async function transitionExperiment(
  deps: CacheDeps,
  tenantId: string,
  actor: string,
  input: { id: string; action: Transition; winningVariantKey?: string },
  now = new Date(),
) {
  const current = await findExperimentOrThrow(deps.db, tenantId, input.id);
  const rule = LIFECYCLE[input.action];
  const status = parseExperimentStatus(current.status);
  if (!isTransitionAllowed(input.action, status)) {
    const allowed = allowedTransitions(status);
    throw appError(
      "CONFLICT",
      "ILLEGAL_TRANSITION",
      `Cannot ${input.action} an experiment that is ${current.status}. Allowed from ${current.status}: ${allowed.length ? allowed.join(", ") : "none"}.`,
    );
  }
  if (input.action === "start") {
    // Drafts saved before each price had to be unique may still repeat one: such a test cannot start.
    const prices = current.variants.map((v) => v.price.toFixed(2));
    const repeated = prices.find((p, i) => prices.indexOf(p) !== i);
    if (repeated) {
      throw fieldError("CONFLICT", "DUPLICATE_PRICES", "variants", `${repeated} is tested twice; give each variant its own price before starting.`);
    }
  }
  let winningVariantId: string | undefined;
  if (input.action === "complete") {
    const winner = current.variants.find((v) => v.key === input.winningVariantKey);
    if (!winner) {
      throw fieldError(
        "BAD_REQUEST",
        "WINNER_REQUIRED",
        "winningVariantKey",
        `completing needs the winning variant, one of ${current.variants.map((v) => v.key).join(", ")}.`,
      );
    }
    winningVariantId = winner.id;
  }
  const row = await deps.db.$transaction(async (tx) => {
    // The status in the WHERE clause makes a concurrent transition lose cleanly.
    const changed = await tx.experiment.updateMany({
      where: { id: current.id, status: current.status },
      data: {
        status: rule.to,
        version: { increment: 1 },
        ...(input.action === "start" ? { startDate: now } : {}),
        ...(winningVariantId ? { winningVariantId } : {}),
      },
    });
    if (changed.count !== 1) throw appError("CONFLICT", "CONCURRENT_CHANGE", "The experiment changed meanwhile; reload and try again.");
    if (input.action === "start") {
      await openWeightPeriod(tx, current.id, Object.fromEntries(current.variants.map((v) => [v.key, v.weight])), "start", now);
    }
    if (input.action === "start" || input.action === "complete") {
      const winner = current.variants.find((v) => v.id === winningVariantId);
      await enqueueWebhook(
        tx,
        tenantId,
        input.action === "start" ? "experiment.started" : "experiment.completed",
        {
          experimentId: current.id,
          experimentKey: current.key,
          status: rule.to,
          ...(winner ? { winningVariantKey: winner.key, winningPrice: winner.price.toFixed(2) } : {}),
        },
        now,
      );
    }
    await tx.auditLog.create({
      data: auditEntry({
        tenantId,
        actor,
        action: `experiment.${input.action}`,
        target: current.id,
        before: { status: current.status },
        after: { status: rule.to },
        metadata: { from: current.status, to: rule.to },
      }),
    });
    return tx.experiment.findUniqueOrThrow({ where: { id: current.id }, include: experimentInclude });
  });
  await invalidateExperimentConfig(deps, tenantId, current.key);
  if (input.action === "start" || input.action === "pause" || input.action === "complete") await snapshotAfterTransition(deps.db, current.id, now);
  return serializeExperiment(row);
}
