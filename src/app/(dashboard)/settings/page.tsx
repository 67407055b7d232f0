import type { Metadata } from "next";
import { SettingsPage } from "@/components/settings/settings-page";

export const metadata: Metadata = { title: "Settings · Pricing Optimizer" };

export default function Page() {
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
      </div>
      <SettingsPage />
    </>
  );
}
