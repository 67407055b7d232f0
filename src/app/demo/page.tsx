import Link from "next/link";
import { env } from "@/env";
import { getDb } from "@/server/db";
import { demoStorefront } from "@/server/demo/demo-storefront";
import { Storefront } from "./storefront";

export const dynamic = "force-dynamic";

export default async function DemoPage() {
  const demo = await demoStorefront(getDb(), env.JWT_SECRET);
  return (
    <main>
      <p className="muted">
        <Link href="/">Pricing Optimizer</Link> · demo storefront
      </p>
      {demo ? (
        <Storefront publishableKey={demo.publishableKey} experimentKey={demo.experimentKey} />
      ) : (
        <div className="card">
          <h1>Demo storefront</h1>
          <p>
            No demo tenant here. Run <code>npm run dev</code> (it seeds one) to try the storefront.
          </p>
        </div>
      )}
    </main>
  );
}
