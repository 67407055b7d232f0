import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import "@/components/ui/dashboard.css";
import { sessionUserId } from "@/server/auth/session-user";
import { caller } from "@/trpc/server";
import { TRPCReactProvider } from "@/trpc/react";
import { TENANT_COOKIE } from "@/trpc/tenant-cookie";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  if (!(await sessionUserId(await headers()))) redirect("/sign-in");
  // A session whose user no longer exists is treated as signed out.
  const me = await caller.auth.me().catch(() => null);
  if (!me) redirect("/sign-in");
  const chosen = (await cookies()).get(TENANT_COOKIE)?.value;
  const active = me.tenants.find((t) => t.id === chosen) ?? me.tenants[0] ?? null;
  return (
    <TRPCReactProvider tenantId={active?.id ?? null}>
      <AppShell email={me.email} tenants={me.tenants} active={active}>
        {active ? (
          children
        ) : (
          <div className="card">
            <h1>No workspace yet</h1>
            <p className="muted">You are not a member of any workspace. Ask an owner for an invitation link.</p>
          </div>
        )}
      </AppShell>
    </TRPCReactProvider>
  );
}
