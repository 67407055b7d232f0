-- DropIndex
DROP INDEX "uq_variant_metrics_variant";

-- AlterTable
ALTER TABLE "variant_metrics" ADD COLUMN     "shard" SMALLINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "uq_variant_metrics_variant_shard" ON "variant_metrics"("variant_id", "shard");

