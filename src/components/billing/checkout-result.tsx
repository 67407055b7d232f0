"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/trpc/react";

/**
 * After Stripe Checkout: the plan changes when Stripe's webhook arrives (usually within
 * seconds), so the page asks until it sees a paid plan.
 */
export function CheckoutSuccess() {
  const trpc = useTRPC();
  const status = useQuery({
    ...trpc.billing.status.queryOptions(),
    refetchInterval: (q) => (q.state.data && q.state.data.plan !== "free" ? false : 2_000),
  });
  const plan = status.data?.plan;
  return (
    <div className="card stack">
      <p>Thank you: your payment went through.</p>
      {plan && plan !== "free" ? (
        <p role="status" data-testid="new-plan">
          Your workspace is now on the <strong style={{ textTransform: "capitalize" }}>{plan}</strong> plan.
        </p>
      ) : (
        <p role="status">Waiting for Stripe to confirm the subscription…</p>
      )}
      <p>
        <Link className="button" href="/billing">
          Back to billing
        </Link>
      </p>
    </div>
  );
}
