"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { errorText } from "@/components/forms/server-errors";
import { useRole } from "@/components/shell/role-context";
import { count } from "@/shared/format";
import { useTRPC } from "@/trpc/react";
import { isPlan } from "@/shared/domain/tenants";
import { UsageBanners } from "./usage-banners";

const PLAN_NAMES = { free: "Free", starter: "Starter", pro: "Pro" } as const;
const planName = (plan: string) => (isPlan(plan) ? PLAN_NAMES[plan] : plan);

export function BillingPage() {
  const trpc = useTRPC();
  const { isOwner } = useRole();
  const usage = useQuery({ ...trpc.settings.usage.queryOptions(), refetchInterval: 30_000 });
  const billing = useQuery(trpc.billing.status.queryOptions());
  // Stripe's pages are on another origin: the browser goes there and comes back to /billing/success or /billing.
  const go = ({ url }: { url: string }) => window.location.assign(url);
  const checkout = useMutation(trpc.billing.checkout.mutationOptions({ onSuccess: go }));
  const portal = useMutation(trpc.billing.portal.mutationOptions({ onSuccess: go }));
  if (usage.isPending || billing.isPending) return <p role="status">Loading usage…</p>;
  if (usage.isError)
    return (
      <p role="alert" className="alert error">
        {errorText(usage.error)}
      </p>
    );
  if (billing.isError)
    return (
      <p role="alert" className="alert error">
        {errorText(billing.error)}
      </p>
    );
  const u = usage.data;
  const b = billing.data;
  const share = u.usageLimit > 0 ? u.currentUsage / u.usageLimit : 0;
  const busy = checkout.isPending || portal.isPending;
  const upgradeButtons = b.upgrades.map((plan) => (
    <button key={plan} type="button" className="button" disabled={!isOwner || busy} onClick={() => checkout.mutate({ plan })}>
      Upgrade to {planName(plan)}
    </button>
  ));
  const error = checkout.error ?? portal.error;
  return (
    <div className="stack">
      <UsageBanners upgrade={upgradeButtons.length > 0 ? <span className="row">{upgradeButtons}</span> : <span />} />
      <section className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">
          Plan: <span data-testid="current-plan">{planName(u.plan)}</span>
        </h2>
        <p className="muted" id="usage-label">
          {count(u.currentUsage)} of {count(u.usageLimit)} visitors tracked this month ({Math.round(share * 100)}%).
        </p>
        <div
          className={`meter ${share >= 1 ? "over" : ""}`}
          role="meter"
          aria-labelledby="usage-label"
          aria-valuemin={0}
          aria-valuemax={u.usageLimit}
          aria-valuenow={Math.min(u.currentUsage, u.usageLimit)}
        >
          <div style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
        {b.billingStatus === "canceling" && b.planPeriodEnd ? (
          <p className="alert info" style={{ marginTop: "0.75rem" }}>
            Your {planName(b.plan)} plan is canceled and ends on {b.planPeriodEnd.toLocaleDateString()}; the workspace then moves to the Free plan.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="billing-heading">
        <h2 id="billing-heading">Billing</h2>
        {!b.billingConfigured ? (
          <>
            <p className="muted" data-testid="billing-off">
              Billing is off on this installation (STRIPE_SECRET_KEY is not set): plans are set by an operator.
            </p>
            <div className="row">
              <button type="button" className="button secondary" disabled>
                Upgrade plan
              </button>
              <button type="button" className="button secondary" disabled>
                Manage billing
              </button>
            </div>
          </>
        ) : (
          <div className="row">
            {upgradeButtons}
            <button
              type="button"
              className={`button ${upgradeButtons.length > 0 ? "secondary" : ""}`}
              disabled={!isOwner || busy || !b.hasBillingAccount}
              onClick={() => portal.mutate()}
            >
              Manage billing
            </button>
          </div>
        )}
        {b.billingConfigured && !b.hasBillingAccount ? <p className="muted">Manage billing opens once the workspace has a paid plan.</p> : null}
        {!isOwner ? <p className="muted">Only owners manage billing.</p> : null}
        <p className="status-line" role="status">
          {busy ? "Opening Stripe…" : ""}
        </p>
        {error ? (
          <p role="alert" className="alert error">
            {errorText(error)}
          </p>
        ) : null}
      </section>
    </div>
  );
}
