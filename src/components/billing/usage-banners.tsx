"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { count } from "@/shared/format";
import { useTRPC } from "@/trpc/react";

const dateText = (d: Date | null) => (d ? d.toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" }) : "");

/** The share of the month's limit at which the dashboard starts warning. */
export const WARN_SHARE = 0.8;

/**
 * Banners every dashboard page shows: usage at 80% and 100% of the plan's limit (with
 * what happens to new visitors), and a failed payment. `upgrade` is the action the
 * page offers (a link to the billing page, or the billing page's own button).
 */
export function UsageBanners({ upgrade }: { upgrade?: React.ReactNode }) {
  const trpc = useTRPC();
  const usage = useQuery({ ...trpc.settings.usage.queryOptions(), refetchInterval: 30_000 });
  const billing = useQuery({ ...trpc.billing.status.queryOptions(), refetchInterval: 60_000 });
  const action = upgrade ?? (
    <Link className="button small" href="/billing">
      Upgrade
    </Link>
  );
  const banners: React.ReactNode[] = [];
  if (billing.data?.billingStatus === "past_due") {
    banners.push(
      <div key="past-due" role="alert" className="alert error" data-testid="past-due-banner">
        Your last payment failed. Your {billing.data.plan} plan stays active until {dateText(billing.data.graceUntil)} while Stripe retries; update
        your payment method under Manage billing on the <Link href="/billing">billing page</Link>.
      </div>,
    );
  }
  const u = usage.data;
  if (u && u.usageLimit > 0) {
    const share = u.currentUsage / u.usageLimit;
    if (share >= 1) {
      banners.push(
        <div key="usage" role="alert" className="alert error row" data-testid="usage-banner" data-level="100">
          <span>
            You have used your plan&apos;s {count(u.usageLimit)} visitors this month. New visitors now see your control price and are not entered into
            experiments; visitors already in keep their price. Upgrade to keep testing.
          </span>
          {action}
        </div>,
      );
    } else if (share >= WARN_SHARE) {
      banners.push(
        <div key="usage" role="status" className="alert warn row" data-testid="usage-banner" data-level="80">
          <span>
            You have used {Math.floor(share * 100)}% of your plan&apos;s {count(u.usageLimit)} visitors this month. At 100%, new visitors see your
            control price and are not entered into experiments.
          </span>
          {action}
        </div>,
      );
    }
  }
  if (banners.length === 0) return null;
  return (
    <div className="stack" style={{ marginBottom: "1rem" }}>
      {banners}
    </div>
  );
}
