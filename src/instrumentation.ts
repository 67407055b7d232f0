/**
 * OpenTelemetry traces (@vercel/otel): on Vercel they go to Vercel's collector; elsewhere
 * to the OTLP endpoint in OTEL_EXPORTER_OTLP_ENDPOINT (read by the OpenTelemetry SDK
 * itself, like every OTEL_* variable). With neither, nothing is registered, so a
 * laptop or a test run does not try to export to a collector that is not there.
 */
export async function register() {
  if (!process.env.VERCEL && !process.env.OTEL_EXPORTER_OTLP_ENDPOINT) return;
  const { registerOTel } = await import("@vercel/otel");
  registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME ?? "pricing-optimizer" });
}
