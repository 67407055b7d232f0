/**
 * The local Stripe for end-to-end runs (a Playwright webServer): the app's Stripe client
 * points at it (STRIPE_API_URL), and its hosted checkout sends signed webhooks back.
 */
import { FakeStripe } from "../../helpers/fake-stripe";

const port = Number(process.env.FAKE_STRIPE_PORT);
const webhookUrl = process.env.FAKE_STRIPE_WEBHOOK_URL;
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET;
if (!port || !webhookUrl || !webhookSecret) throw new Error("FAKE_STRIPE_PORT, FAKE_STRIPE_WEBHOOK_URL and STRIPE_WEBHOOK_SECRET are required");
const fake = await new FakeStripe({ port, webhookUrl, webhookSecret }).start();
console.log(`fake Stripe on ${fake.url}`);
