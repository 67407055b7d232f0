-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "billing_status" VARCHAR(30) NOT NULL DEFAULT 'none',
ADD COLUMN     "grace_until" TIMESTAMPTZ,
ADD COLUMN     "plan_period_end" TIMESTAMPTZ,
ADD COLUMN     "stripe_customer_id" VARCHAR(255),
ADD COLUMN     "stripe_subscription_id" VARCHAR(255);

-- AlterTable
ALTER TABLE "usage_records" ADD COLUMN     "day" DATE,
ADD COLUMN     "reported_count" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "stripe_events" (
    "id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "tenant_id" UUID,
    "outcome" VARCHAR(50) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stripe_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "idx_stripe_events_received" ON "stripe_events"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "uq_tenants_stripe_customer" ON "tenants"("stripe_customer_id");

-- CreateIndex
CREATE UNIQUE INDEX "uq_usage_records_tenant_type_day" ON "usage_records"("tenant_id", "usage_type", "day");

