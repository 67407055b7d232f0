import type { Metadata } from "next";
import { AuditLogPage } from "@/components/audit/audit-log-page";

export const metadata: Metadata = { title: "Audit log · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
      </div>
      <AuditLogPage />
    </>
  );
}
