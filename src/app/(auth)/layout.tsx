import type { ReactNode } from "react";
import "@/components/ui/dashboard.css";
import { TRPCReactProvider } from "@/trpc/react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <TRPCReactProvider>
      <main className="auth-wrap">{children}</main>
    </TRPCReactProvider>
  );
}
