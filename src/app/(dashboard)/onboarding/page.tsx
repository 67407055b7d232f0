import type { Metadata } from "next";
import { ExperimentWizard } from "@/components/onboarding/experiment-wizard";

export const metadata: Metadata = { title: "New experiment · Pricing Optimizer" };

export default function OnboardingPage() {
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Set up a price experiment</h1>
          <p className="muted" style={{ margin: "0.25rem 0 0" }}>
            Name it, choose the prices to test, and paste two calls into your site.
          </p>
        </div>
      </div>
      <ExperimentWizard />
    </>
  );
}
