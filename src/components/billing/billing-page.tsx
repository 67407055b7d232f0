"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorText } from "@/components/forms/server-errors";
import { useRole } from "@/components/shell/role-context";
import { useTRPC } from "@/trpc/react";

export function BillingPage() {
  const trpc = useTRPC();
  const { isOwner } = useRole();
  const usage = useQuery({ ...trpc.settings.usage.queryOptions(), refetchInterval: 30_000 });
  const [notice, setNotice] = useState<string | null>(null);
  if (usage.isPending) return <p role="status">Loading usage…</p>;
  if (usage.isError) return <p role="alert" className="alert error">{errorText(usage.error)}</p>;
  const u = usage.data;
  const share = u.usageLimit > 0 ? u.currentUsage / u.usageLimit : 0;
  const billingAction = (what: string) => {
    setNotice(
      u.billingConfigured
        ? `${what} opens Stripe from the billing service; ask your administrator if nothing happens.`
        : `Billing is not configured on this installation (STRIPE_SECRET_KEY is not set), so ${what.toLowerCase()} is unavailable.`,
    );
  };
  return (
    <div className="stack">
      <section className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">
          Plan: <span style={{ textTransform: "capitalize" }}>{u.plan}</span>
        </h2>
        <p className="muted" id="usage-label">
          {u.currentUsage.toLocaleString()} of {u.usageLimit.toLocaleString()} visitors tracked this month ({Math.round(share * 100)}%).
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
        {share >= 0.8 ? (
          <p className={`alert ${share >= 1 ? "error" : "warn"}`} style={{ marginTop: "0.75rem" }}>
            {share >= 1 ? "You have reached your plan's limit." : "You have used most of your plan's limit."} Upgrade to keep tracking without interruption.
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="billing-heading">
        <h2 id="billing-heading">Billing</h2>
        {!u.billingConfigured ? <p className="muted">Billing is not configured on this installation.</p> : null}
        <div className="row">
          <button type="button" className="button" disabled={!isOwner} onClick={() => billingAction("Upgrading")}>
            Upgrade plan
          </button>
          <button type="button" className="button secondary" disabled={!isOwner} onClick={() => billingAction("Managing billing")}>
            Manage billing
          </button>
        </div>
        {!isOwner ? <p className="muted">Only owners manage billing.</p> : null}
        <p className="status-line" role="status">
          {notice ?? ""}
        </p>
      </section>
    </div>
  );
}
