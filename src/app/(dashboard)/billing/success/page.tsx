import type { Metadata } from "next";
import { CheckoutSuccess } from "@/components/billing/checkout-result";

export const metadata: Metadata = { title: "Upgrade complete · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Upgrade complete</h1>
      </div>
      <CheckoutSuccess />
    </>
  );
}
