import "server-only";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { APP_VERSION } from "@/server/health/version";
import { withErrorResponses } from "./openapi-errors";
import { publicApiRouter } from "./root";

let cached: ReturnType<typeof generateOpenApiDocument> | undefined;

/** The OpenAPI 3 document of the REST paths under /api/v1 (the same procedures as tRPC). */
export function openApiDocument(baseUrl: string) {
  cached ??= withErrorResponses(
    generateOpenApiDocument(publicApiRouter, {
      title: "Pricing Optimizer API",
      description:
        "Sticky price assignment, conversion tracking and experiment results. Authenticate with `Authorization: Bearer po_sk_…` (or a publishable po_pk_… key for assign and track).",
      version: APP_VERSION,
      baseUrl: `${baseUrl}/api/v1`,
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A po_sk_… or po_pk_… API key" } },
    }),
  );
  return { ...cached, servers: [{ url: `${baseUrl}/api/v1` }] };
}
