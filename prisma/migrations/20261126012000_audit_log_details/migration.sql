-- AlterTable
ALTER TABLE "audit_logs" ADD COLUMN     "after" JSONB,
ADD COLUMN     "before" JSONB,
ADD COLUMN     "ip" VARCHAR(64);

-- CreateIndex
CREATE INDEX "idx_audit_logs_tenant_action" ON "audit_logs"("tenant_id", "action", "created_at");

-- CreateIndex
CREATE INDEX "idx_audit_logs_tenant_actor" ON "audit_logs"("tenant_id", "actor", "created_at");

