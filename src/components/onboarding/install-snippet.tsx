"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/forms/copy-button";
import { MutationStatus } from "@/components/forms/mutation-status";
import { useTRPC } from "@/trpc/react";
import { clientInstallCommand } from "@/client/tarball";
import { publicBaseUrl } from "@/env/public";

export function snippetFor(baseUrl: string, apiKey: string, experimentKey: string): string {
  return `import { createPricingClient } from "pricing-optimizer/client";

const pricing = createPricingClient({
  baseUrl: ${JSON.stringify(baseUrl)},
  apiKey: ${JSON.stringify(apiKey)},
});

// When a visitor sees the price (visitorId: a stable id, e.g. from a first-party cookie):
const offer = await pricing.assignment.assign.mutate({
  experimentKey: ${JSON.stringify(experimentKey)},
  visitorId,
});
showPrice(offer.price, offer.currency);

// When that visitor buys:
await pricing.events.track.mutate({
  experimentKey: ${JSON.stringify(experimentKey)},
  visitorId,
  type: "conversion",
  revenue: offer.price,
});`;
}

/** Creates a publishable key for the tenant once and shows the integration code with it filled in. */
export function InstallSnippet({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const [baseUrl, setBaseUrl] = useState("https://your-pricing-optimizer.example");
  const createKey = useMutation(trpc.apiKeys.create.mutationOptions());
  const requested = useRef(false);

  useEffect(() => {
    setBaseUrl(publicBaseUrl(window.location.origin));
    if (requested.current) return;
    requested.current = true;
    createKey.mutate({ kind: "publishable", name: `Website (${experimentKey})` });
  }, [createKey, experimentKey]);

  const key = createKey.data?.key ?? "po_pk_…";
  const code = snippetFor(baseUrl, key, experimentKey);
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>Install the typed client from this deployment (or call the REST API):</p>
      <pre className="snippet" data-testid="install-command">
        <code>{clientInstallCommand(baseUrl)}</code>
      </pre>
      <p style={{ margin: 0 }}>Then ask for the price and report purchases:</p>
      <MutationStatus isPending={createKey.isPending} isSuccess={createKey.isSuccess} error={createKey.error} pending="Creating a publishable key…" success="A publishable key was created for your website and filled in below." />
      <pre className="snippet" data-testid="install-snippet">
        <code>{code}</code>
      </pre>
      <div className="row" style={{ alignItems: "center" }}>
        <CopyButton text={code} label="Copy code" />
      </div>
      <p className="muted" style={{ margin: 0 }}>
        A publishable key may only assign and track, and only from your allowed origins: add your site (e.g. https://shop.example.com) under Settings.
        Use a secret key on servers.
      </p>
    </div>
  );
}
