"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

/** "Website", or "Website 2", … : the first name no active key has (names are unique among active keys). */
export function freeKeyName(taken: readonly string[], base = "Website"): string {
  const names = new Set(taken.map((n) => n.toLowerCase()));
  if (!names.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/**
 * The integration code with a publishable key filled in. The workspace's first
 * publishable key is created here; once one exists, another is only made when
 * asked (a key is shown once, so an existing one cannot be filled in).
 */
export function InstallSnippet({ experimentKey }: { experimentKey: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [baseUrl, setBaseUrl] = useState("https://your-pricing-optimizer.example");
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const createKey = useMutation(
    trpc.apiKeys.create.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() }) }),
  );
  const requested = useRef(false);
  const active = (keys.data ?? []).filter((k) => !k.revokedAt);
  const existing = active.find((k) => k.kind === "publishable");
  const create = () => createKey.mutate({ kind: "publishable", name: freeKeyName(active.map((k) => k.name)) });

  useEffect(() => {
    setBaseUrl(publicBaseUrl(window.location.origin));
  }, []);
  useEffect(() => {
    if (requested.current || !keys.isSuccess || existing) return;
    requested.current = true;
    create();
  });

  const key = createKey.data?.key ?? "po_pk_…";
  const code = snippetFor(baseUrl, key, experimentKey);
  return (
    <div className="stack">
      <p style={{ margin: 0 }}>Install the typed client from this deployment (or call the REST API):</p>
      <pre className="snippet" data-testid="install-command">
        <code>{clientInstallCommand(baseUrl)}</code>
      </pre>
      <p style={{ margin: 0 }}>Then ask for the price and report purchases:</p>
      <MutationStatus
        isPending={createKey.isPending}
        isSuccess={createKey.isSuccess}
        error={createKey.error}
        pending="Creating a publishable key…"
        success="A publishable key was created for your website and filled in below."
      />
      {existing && !createKey.data ? (
        <p className="alert info" role="note" data-testid="existing-publishable-key" style={{ margin: 0 }}>
          Your workspace already has a publishable key, “{existing.name}” ({existing.prefix}…); keys are shown only once, so paste yours in place of
          po_pk_… below, or{" "}
          <button type="button" className="link-button" disabled={createKey.isPending} onClick={create}>
            create a new publishable key
          </button>
          .
        </p>
      ) : null}
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
