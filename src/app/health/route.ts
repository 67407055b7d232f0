// The deployment guide's health check answers at /health; same answer as /api/health.
export { GET } from "@/app/api/health/route";

export const dynamic = "force-dynamic";
