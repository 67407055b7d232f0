import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

/**
 * A local HTTP server that answers the Stripe API endpoints the app uses, for the
 * official `stripe` client pointed at it (host/port/protocol). It also plays Stripe's
 * hosted pages: /checkout/:id ("Subscribe" creates the subscription, sends the signed
 * webhooks and redirects to success_url) and /portal/:customer.
 */
export interface FakeSubscription {
  id: string;
  customer: string;
  status: Stripe.Subscription.Status;
  price: string;
  cancelAtPeriodEnd: boolean;
  created: number;
  periodEnd: number;
}

export interface FakeStripeOptions {
  port?: number;
  /** Where the hosted checkout sends its webhooks (the app's /api/stripe/webhook). */
  webhookUrl?: string;
  webhookSecret?: string;
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;
const signer = new Stripe("sk_test_fake_signer");

export function signPayload(payload: string, secret: string): string {
  return signer.webhooks.generateTestHeaderString({ payload, secret });
}

function readBody(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => resolve(new URLSearchParams(raw)));
    req.on("error", reject);
  });
}

/** A subscription as Stripe's API serialises it (the fields the app reads). */
export function subscriptionObject(s: FakeSubscription): Record<string, unknown> {
  return {
    id: s.id,
    object: "subscription",
    customer: s.customer,
    status: s.status,
    cancel_at_period_end: s.cancelAtPeriodEnd,
    created: s.created,
    items: {
      object: "list",
      data: [{ id: `si_${s.id}`, object: "subscription_item", price: { id: s.price, object: "price" }, current_period_end: s.periodEnd }],
      has_more: false,
      url: "/v1/subscription_items",
    },
  };
}

export class FakeStripe {
  readonly customers = new Map<string, { id: string; metadata: Record<string, string> }>();
  readonly sessions = new Map<string, { id: string; customer: string; price: string; tenantId: string; successUrl: string; cancelUrl: string }>();
  readonly subscriptions = new Map<string, FakeSubscription>();
  readonly meterEvents = new Map<string, { eventName: string; customer: string; value: number }>();
  readonly requests: string[] = [];
  private server: Server | undefined;
  url = "";

  constructor(private readonly opts: FakeStripeOptions = {}) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.json(res, 500, { error: { message: String(error) } }));
    });
    await new Promise<void>((resolve) => this.server?.listen(this.opts.port ?? 0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Adds or replaces a subscription as Stripe would hold it now. */
  setSubscription(s: Partial<FakeSubscription> & { customer: string; price: string }): FakeSubscription {
    const now = Math.floor(Date.now() / 1000);
    const full: FakeSubscription = { id: id("sub"), status: "active", cancelAtPeriodEnd: false, created: now, periodEnd: now + 30 * 86_400, ...s };
    this.subscriptions.set(full.id, full);
    return full;
  }

  /** An event as Stripe would send it, with the given object. */
  event(type: string, object: unknown, eventId = id("evt")): string {
    return JSON.stringify({
      id: eventId,
      object: "event",
      type,
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object },
    });
  }

  private json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
    res.end(JSON.stringify(body));
  }

  private async sendWebhook(payload: string): Promise<void> {
    if (!this.opts.webhookUrl || !this.opts.webhookSecret) return;
    const res = await fetch(this.opts.webhookUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "stripe-signature": signPayload(payload, this.opts.webhookSecret) },
      body: payload,
    });
    if (!res.ok) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const route = `${req.method} ${url.pathname}`;
    this.requests.push(route);
    const form = req.method === "POST" ? await readBody(req) : new URLSearchParams();
    let m: RegExpExecArray | null;
    if (route === "GET /health") return this.json(res, 200, { ok: true });
    if (route === "POST /v1/customers") {
      const customer = { id: id("cus"), object: "customer", metadata: { tenantId: form.get("metadata[tenantId]") ?? "" } };
      this.customers.set(customer.id, customer);
      return this.json(res, 200, customer);
    }
    if (route === "POST /v1/checkout/sessions") {
      const session = {
        id: id("cs_test"),
        customer: form.get("customer") ?? "",
        price: form.get("line_items[0][price]") ?? "",
        tenantId: form.get("client_reference_id") ?? "",
        successUrl: form.get("success_url") ?? "",
        cancelUrl: form.get("cancel_url") ?? "",
      };
      this.sessions.set(session.id, session);
      return this.json(res, 200, {
        id: session.id,
        object: "checkout.session",
        mode: form.get("mode"),
        customer: session.customer,
        client_reference_id: session.tenantId,
        url: `${this.url}/checkout/${session.id}`,
      });
    }
    if (route === "POST /v1/billing_portal/sessions") {
      return this.json(res, 200, {
        id: id("bps"),
        object: "billing_portal.session",
        customer: form.get("customer"),
        url: `${this.url}/portal/${form.get("customer") ?? ""}`,
        return_url: form.get("return_url"),
      });
    }
    if (route === "GET /v1/subscriptions") {
      const customer = url.searchParams.get("customer");
      const data = [...this.subscriptions.values()].filter((s) => s.customer === customer).map(subscriptionObject);
      return this.json(res, 200, { object: "list", data, has_more: false, url: "/v1/subscriptions" });
    }
    if ((m = /^GET \/v1\/subscriptions\/([\w]+)$/.exec(route))) {
      const s = this.subscriptions.get(m[1] ?? "");
      return s
        ? this.json(res, 200, subscriptionObject(s))
        : this.json(res, 404, { error: { type: "invalid_request_error", message: "No such subscription" } });
    }
    if (route === "POST /v1/billing/meter_events") {
      const identifier = form.get("identifier") ?? id("mev");
      if (!this.meterEvents.has(identifier)) {
        this.meterEvents.set(identifier, {
          eventName: form.get("event_name") ?? "",
          customer: form.get("payload[stripe_customer_id]") ?? "",
          value: Number(form.get("payload[value]")),
        });
      }
      return this.json(res, 200, {
        object: "billing.meter_event",
        identifier,
        event_name: form.get("event_name"),
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        payload: {},
        timestamp: Number(form.get("timestamp")),
      });
    }
    if ((m = /^GET \/checkout\/([\w]+)$/.exec(route))) {
      const s = this.sessions.get(m[1] ?? "");
      if (!s) return this.json(res, 404, { error: "no such session" });
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1><p>Price ${s.price}</p>
        <form method="post" action="/checkout/${s.id}/pay"><button type="submit">Subscribe</button></form>
        <a href="${s.cancelUrl}">Back</a>`);
      return;
    }
    if ((m = /^POST \/checkout\/([\w]+)\/pay$/.exec(route))) {
      const s = this.sessions.get(m[1] ?? "");
      if (!s) return this.json(res, 404, { error: "no such session" });
      const sub = this.setSubscription({ customer: s.customer, price: s.price });
      await this.sendWebhook(
        this.event("checkout.session.completed", {
          id: s.id,
          object: "checkout.session",
          customer: s.customer,
          client_reference_id: s.tenantId,
          subscription: sub.id,
        }),
      );
      await this.sendWebhook(this.event("customer.subscription.created", subscriptionObject(sub)));
      res.writeHead(303, { location: s.successUrl.replace("{CHECKOUT_SESSION_ID}", s.id) });
      res.end();
      return;
    }
    if ((m = /^GET \/portal\/([\w]+)$/.exec(route))) {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>Fake Stripe Billing Portal</title><h1>Billing portal for ${m[1] ?? ""}</h1>`);
      return;
    }
    return this.json(res, 404, { error: { type: "invalid_request_error", message: `fake Stripe does not answer ${route}` } });
  }
}
