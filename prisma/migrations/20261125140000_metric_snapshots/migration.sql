-- CreateTable
CREATE TABLE "metric_snapshots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "experiment_id" UUID NOT NULL,
    "variant_id" UUID NOT NULL,
    "taken_at" TIMESTAMPTZ NOT NULL,
    "visitors" INTEGER NOT NULL,
    "converting_visitors" INTEGER NOT NULL,
    "conversions" INTEGER NOT NULL,
    "revenue" DECIMAL(12,2) NOT NULL,

    CONSTRAINT "metric_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_metric_snapshots_experiment_taken" ON "metric_snapshots"("experiment_id", "taken_at");

-- AddForeignKey
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiments"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "metric_snapshots" ADD CONSTRAINT "metric_snapshots_variant_id_fkey" FOREIGN KEY ("variant_id") REFERENCES "variants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

