"use client";

import { useCallback, useEffect, useState } from "react";
import { createPricingClient } from "@/client";
import { publicBaseUrl } from "@/env/public";
import { money } from "@/shared/format";

const COOKIE = "po_demo_visitor";

function visitorId(reset = false): string {
  const found = document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`));
  if (found && !reset) return found.slice(COOKIE.length + 1);
  const id = crypto.randomUUID();
  document.cookie = `${COOKIE}=${id}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
  return id;
}

interface Offer {
  variantKey: string;
  price: string;
  currency: string;
  inExperiment: boolean;
  reason: string;
}

export function Storefront({ publishableKey, experimentKey }: { publishableKey: string; experimentKey: string }) {
  const [visitor, setVisitor] = useState<string | null>(null);
  const [offer, setOffer] = useState<Offer | null>(null);
  const [status, setStatus] = useState<string>("Loading your price…");
  const [busy, setBusy] = useState(false);
  // One purchase per visitor: Buy is done once it went through ("Be a new visitor" starts over).
  const [bought, setBought] = useState(false);

  const load = useCallback(
    async (reset: boolean) => {
      const id = visitorId(reset);
      setVisitor(id);
      setBought(false);
      setStatus("Loading your price…");
      try {
        const client = createPricingClient({ baseUrl: publicBaseUrl(window.location.origin), apiKey: publishableKey });
        const r = await client.assignment.assign.mutate({ experimentKey, visitorId: id });
        setOffer(r);
        setStatus("");
      } catch (error) {
        setStatus(`Could not load the price: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [experimentKey, publishableKey],
  );

  useEffect(() => {
    void load(false);
  }, [load]);

  async function buy() {
    if (!offer || !visitor || bought) return;
    setBusy(true);
    try {
      const client = createPricingClient({ baseUrl: publicBaseUrl(window.location.origin), apiKey: publishableKey });
      // The order id makes a resend (a double click, a retry) count once on the server too.
      const r = await client.events.track.mutate({
        experimentKey,
        visitorId: visitor,
        type: "conversion",
        revenue: offer.price,
        idempotencyKey: `demo-order-${visitor}`,
      });
      setBought(true);
      setStatus(r.counted ? `Thanks! Purchase at ${offer.price} ${offer.currency} recorded.` : `Purchase acknowledged (${r.reason}).`);
    } catch (error) {
      setStatus(`Purchase failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }

  const price = offer ? money(Number(offer.price), offer.currency) : "…";
  return (
    <section className="card" style={{ maxWidth: 420 }}>
      <h1 style={{ marginTop: 0 }}>Pro plan</h1>
      <p className="muted">Everything in Starter, plus unlimited projects and priority support.</p>
      <p style={{ fontSize: "2.5rem", fontWeight: 700, margin: "0.5rem 0" }} data-testid="price">
        {price}
        <span className="muted" style={{ fontSize: "1rem", fontWeight: 400 }}>
          {" "}
          / month
        </span>
      </p>
      <div className="actions">
        <button className="button" type="button" onClick={() => void buy()} disabled={!offer || busy || bought}>
          {busy ? "Buying…" : bought ? "Bought" : "Buy"}
        </button>
        <button className="button secondary" type="button" onClick={() => void load(true)}>
          Be a new visitor
        </button>
      </div>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {offer && (
        <p className="muted" style={{ fontSize: "0.85rem" }}>
          Visitor <code>{visitor?.slice(0, 8)}</code> · variant <code data-testid="variant">{offer.variantKey}</code> ·{" "}
          {offer.inExperiment ? "in the experiment" : `not in the experiment (${offer.reason})`}
        </p>
      )}
    </section>
  );
}
