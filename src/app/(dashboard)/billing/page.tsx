import type { Metadata } from "next";
import { BillingPage } from "@/components/billing/billing-page";

export const metadata: Metadata = { title: "Usage & billing · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Usage &amp; billing</h1>
      </div>
      <BillingPage />
    </>
  );
}
