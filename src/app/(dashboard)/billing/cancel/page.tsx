import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Upgrade canceled · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Upgrade canceled</h1>
      </div>
      <div className="card stack">
        <p>You left Stripe Checkout before paying: nothing was charged and your plan is unchanged.</p>
        <p>
          <Link className="button" href="/billing">
            Back to billing
          </Link>
        </p>
      </div>
    </>
  );
}
