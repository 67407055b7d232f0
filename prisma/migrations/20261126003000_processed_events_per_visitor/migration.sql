-- Idempotency keys are scoped to (experiment, visitor, key) instead of (tenant, key).
-- Existing rows keep visitor_id NULL, and track-conversion still honours them for their experiment.
-- DropIndex
DROP INDEX "uq_processed_events_tenant_key";

-- AlterTable
ALTER TABLE "processed_events" ADD COLUMN     "visitor_id" VARCHAR(255);

-- CreateIndex
CREATE UNIQUE INDEX "uq_processed_events_experiment_visitor_key" ON "processed_events"("experiment_id", "visitor_id", "idempotency_key");

