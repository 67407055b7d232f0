"use client";

import { useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import type { ReactNode } from "react";
import { hasRole, type Role } from "@/shared/domain/members";
import { UsageBanners } from "@/components/billing/usage-banners";
import { writeTenantCookie } from "@/trpc/tenant-cookie";
import { RoleProvider } from "./role-context";

// editorsOnly: hidden from view-only members (the server refuses them these actions anyway).
const LINKS = [
  { href: "/experiments", label: "Experiments" },
  { href: "/onboarding", label: "New experiment", editorsOnly: true },
  { href: "/api-keys", label: "API keys" },
  { href: "/members", label: "Members" },
  { href: "/settings", label: "Settings" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/audit", label: "Audit log" },
  { href: "/billing", label: "Usage & billing" },
];

interface TenantChoice {
  id: string;
  name: string;
  role: Role;
}

export function AppShell(props: { email: string; tenants: TenantChoice[]; active: TenantChoice | null; children: ReactNode }) {
  const pathname = usePathname();
  const router = useRouter();
  const queryClient = useQueryClient();
  const role = props.active?.role ?? "member";
  const canEdit = hasRole(role, "admin");

  function switchTenant(id: string) {
    writeTenantCookie(id);
    queryClient.clear();
    router.push("/experiments");
    router.refresh();
  }

  return (
    <RoleProvider role={role}>
      <div className="shell">
        <nav className="shell-nav" aria-label="Dashboard">
          <Link className="brand" href="/experiments">
            Pricing Optimizer
          </Link>
          <ul>
            {LINKS.filter((l) => !l.editorsOnly || canEdit).map((l) => (
              <li key={l.href}>
                <Link className="nav-link" href={l.href} aria-current={pathname === l.href || pathname.startsWith(`${l.href}/`) ? "page" : undefined}>
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
          <div className="nav-foot">
            {props.tenants.length > 1 && props.active ? (
              <label className="field" style={{ marginBottom: 0 }}>
                <span className="label">Workspace</span>
                <select value={props.active.id} onChange={(e) => switchTenant(e.target.value)}>
                  {props.tenants.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : props.active ? (
              <span>
                <strong data-testid="workspace-name">{props.active.name}</strong>
              </span>
            ) : null}
            <span className="muted" data-testid="signed-in-as">
              {props.email}
              {props.active ? ` · ${props.active.role}` : ""}
            </span>
            <button type="button" className="link-button" onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
              Sign out
            </button>
          </div>
        </nav>
        <main id="main">
          {props.active && !pathname.startsWith("/billing") ? <UsageBanners /> : null}
          {props.children}
        </main>
      </div>
    </RoleProvider>
  );
}
