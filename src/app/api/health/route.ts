import { APP_VERSION } from "@/server/health/version";

export const dynamic = "force-dynamic";

/** Liveness only: answers without touching the database or Redis. */
export function GET() {
  return Response.json({ status: "ok", timestamp: new Date().toISOString(), version: APP_VERSION });
}
