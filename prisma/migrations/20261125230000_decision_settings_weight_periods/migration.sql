-- AlterTable
ALTER TABLE "experiments" ADD COLUMN     "decision_mode" VARCHAR(20) NOT NULL DEFAULT 'sequential',
ADD COLUMN     "mde" DOUBLE PRECISION,
ADD COLUMN     "revenue_cap" JSONB;

-- CreateTable
CREATE TABLE "weight_periods" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "experiment_id" UUID NOT NULL,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "visitors_before" INTEGER NOT NULL,
    "weights" JSONB NOT NULL,
    "source" VARCHAR(20) NOT NULL,

    CONSTRAINT "weight_periods_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_weight_periods_experiment" ON "weight_periods"("experiment_id", "started_at");

-- AddForeignKey
ALTER TABLE "weight_periods" ADD CONSTRAINT "weight_periods_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Revenue capping reads buyers' totals only: this partial index makes that
-- O(buyers) and sorted for percentile_cont, whatever the number of visitors.
CREATE INDEX "idx_assignments_buyers_revenue" ON "assignments"("experiment_id", "revenue") WHERE "revenue" > 0;
