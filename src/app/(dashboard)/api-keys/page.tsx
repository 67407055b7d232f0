import type { Metadata } from "next";
import { ApiKeysPage } from "@/components/api-keys/api-keys-page";

export const metadata: Metadata = { title: "API keys · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>API keys</h1>
      </div>
      <ApiKeysPage />
    </>
  );
}
