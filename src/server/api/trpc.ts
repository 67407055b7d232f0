import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError, z } from "zod";
import { sessionUserId } from "@/server/auth/session-user";
import { type ApiKeyPrincipal, verifyApiKey } from "@/server/api-keys/verify-api-key";
import { getDb } from "@/server/db";
import { databaseUnavailableError, isDatabaseUnavailable } from "@/server/db/unavailable";
import { AppError, appError } from "@/server/lib/app-error";
import { issuesText } from "@/server/lib/issues";
import { isOwnOrigin } from "@/server/lib/app-origin";
import { count, log } from "@/server/lib/logger";
import { enforceApiKeyLimit, enforceUserLimit } from "@/server/rate-limit/enforce";
import { observeProcedure } from "@/server/metrics";
import { withAuditOrigin } from "@/server/audit/audit-context";
import { trustedClientIp } from "@/server/auth/client-address";
import { env } from "@/env";
import { appCodeOf, issuesOf, toTRPCError } from "./app-error-mapping";
import { transformer } from "./transformer";
import { getRedis } from "@/server/redis";
import { hasRole, parseRole, type Role } from "@/shared/domain/members";

export interface CreateContextOptions {
  headers: Headers;
  requestId: string;
  /** Headers for the HTTP answer (rate-limit headers); the route handler copies them onto it. */
  resHeaders?: Headers;
}

export async function createContext(opts: CreateContextOptions) {
  return {
    db: getDb(),
    redis: getRedis(),
    headers: opts.headers,
    requestId: opts.requestId,
    resHeaders: opts.resHeaders ?? new Headers(),
    // Resolved lazily: the hot path (API-key calls) never decodes a session cookie.
    getUserId: () => sessionUserId(opts.headers),
  };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error, ctx }) {
      const zodError = error.cause instanceof ZodError ? error.cause : null;
      const issues = issuesOf(error);
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: zodError ? issuesText(issues) : internal ? `Internal error (request id ${ctx?.requestId ?? "unknown"})` : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appCodeOf(error),
          requestId: ctx?.requestId ?? null,
          /** Every input problem with its full path: zod's issues, or the fields a service's refusal names. */
          issues,
          // Kept because the typed client package and the OpenAPI document promise it; `issues` supersedes it.
          zodError: zodError ? z.flattenError(zodError) : null,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Latency and errors per procedure for /api/metrics (outermost, so refusals and the
 * database-unavailable mapping below count too), and the client's address for audit
 * entries written during the call.
 */
const measured = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await withAuditOrigin({ ip: trustedClientIp(ctx.headers, env.TRUSTED_PROXY) }, () => next());
  const error = result.ok
    ? null
    : { code: result.error.code, status: getHTTPStatusCodeFromError(result.error), appCode: appCodeOf(result.error) ?? "" };
  observeProcedure(path, type, (performance.now() - started) / 1000, error);
  return result;
});

/**
 * Every procedure starts here. A service's AppError (which tRPC alone would answer as
 * a 500) becomes the tRPC error of its kind, so both transports answer its status;
 * a database that is down, frozen or overloaded is a 503 DATABASE_UNAVAILABLE the
 * caller may retry (with Retry-After), not a 500 bug.
 */
const baseProcedure = t.procedure.use(measured).use(async ({ ctx, path, next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw toTRPCError(cause);
  if (isDatabaseUnavailable(cause ?? result.error)) {
    count("database_unavailable");
    log("warn", "database unavailable", { requestId: ctx.requestId, path, error: cause instanceof Error ? cause.message : String(cause) });
    throw toTRPCError(databaseUnavailableError());
  }
  return result;
});

function hasSessionCookie(headers: Headers): boolean {
  return /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=/.test(headers.get("cookie") ?? "");
}

/** Where a browser says the request comes from: Origin, else the Referer's origin; undefined when it says nothing. */
function claimedOrigin(headers: Headers): string | undefined {
  const origin = headers.get("origin");
  if (origin !== null) return origin;
  const referer = headers.get("referer");
  if (referer === null) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}

/**
 * CSRF defence beyond SameSite=Lax: a mutation that would act with the visitor's
 * session cookie must come from this app's own pages. Browsers send Origin on every
 * POST (same-origin included); a request with neither Origin nor Referer is not a
 * browser's cross-site request, so it passes (scripts and tests). API-key calls carry
 * no cookie authority and are exempt.
 */
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === "mutation" && !presentedApiKey(ctx.headers) && hasSessionCookie(ctx.headers)) {
    const origin = claimedOrigin(ctx.headers);
    if (origin !== undefined && !isOwnOrigin(origin, ctx.headers)) {
      throw appError(
        "FORBIDDEN",
        "CROSS_ORIGIN_REQUEST",
        `This change was sent from another site (${origin}); signed-in changes are accepted only from this app's own pages.`,
      );
    }
  }
  return next();
});

const procedure = baseProcedure.use(sameOriginMutations);

export const publicProcedure = procedure;

export const signedInProcedure = procedure.use(async ({ ctx, type, next }) => {
  const userId = await ctx.getUserId();
  if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (type === "mutation") await enforceUserLimit(ctx.resHeaders, userId);
  return next({ ctx: { ...ctx, userId } });
});

export interface TenantPrincipal {
  tenantId: string;
  role: Role;
  actor: string;
}

async function memberPrincipal(ctx: Context, userId: string): Promise<TenantPrincipal | null> {
  const wanted = ctx.headers.get("x-tenant-id");
  const membership = await ctx.db.membership.findFirst({
    where: wanted && z.uuid().safeParse(wanted).success ? { userId, tenantId: wanted } : { userId },
    orderBy: { createdAt: "asc" },
  });
  if (!membership) return null;
  return { tenantId: membership.tenantId, role: parseRole(membership.role), actor: `user:${userId}` };
}

function presentedApiKey(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth?.startsWith("Bearer po_")) return auth.slice("Bearer ".length).trim();
  return headers.get("x-api-key");
}

/**
 * A dashboard member with at least `minRole`, or a secret API key (which may do
 * what an admin may, unless `sessionOnly`, as for managing keys themselves).
 * Downstream code receives `ctx.tenant` and never re-checks.
 */
export function tenantProcedure(minRole: Role, opts: { sessionOnly?: boolean } = {}) {
  return procedure.use(async ({ ctx, type, next }) => {
    const key = presentedApiKey(ctx.headers);
    let tenant: TenantPrincipal | null = null;
    if (key && opts.sessionOnly) {
      throw new TRPCError({ code: "FORBIDDEN", message: "This is done by a signed-in admin in the dashboard, not with an API key." });
    }
    if (key) {
      const principal = await verifyApiKey(ctx.db, key);
      if (!principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "The API key is invalid or revoked." });
      if (principal.kind !== "secret") {
        throw new TRPCError({ code: "FORBIDDEN", message: "A publishable key may only assign and track; use a secret key." });
      }
      await enforceApiKeyLimit(ctx, principal.keyId, principal.tenantId);
      tenant = { tenantId: principal.tenantId, role: "admin", actor: `api_key:${principal.keyId}` };
    } else {
      const userId = await ctx.getUserId();
      if (!userId) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in or send an API key." });
      if (type === "mutation") await enforceUserLimit(ctx.resHeaders, userId);
      tenant = await memberPrincipal(ctx, userId);
      if (!tenant) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this tenant." });
    }
    if (!hasRole(tenant.role, minRole)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${minRole} role; you are ${tenant.role}.` });
    }
    return next({ ctx: { ...ctx, tenant } });
  });
}

/**
 * Browsers may use a publishable key only from the tenant's configured origins (or this
 * app's own). X-Forwarded-Host is never consulted: any client can send it.
 */
function originAllowed(origin: string, allowed: string[], headers: Headers): boolean {
  return allowed.includes(origin) || isOwnOrigin(origin, headers);
}

/** Outside callers with a publishable or secret API key (assignment and events). */
export const apiKeyProcedure = procedure.use(async ({ ctx, next }) => {
  const key = presentedApiKey(ctx.headers);
  if (!key) throw new TRPCError({ code: "UNAUTHORIZED", message: "Send an API key as `Authorization: Bearer po_…`." });
  const principal: ApiKeyPrincipal | null = await verifyApiKey(ctx.db, key);
  if (!principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "The API key is invalid or revoked." });
  const origin = ctx.headers.get("origin");
  if (origin && principal.kind === "publishable" && !originAllowed(origin, principal.allowedOrigins, ctx.headers)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Origin ${origin} is not allowed for this publishable key; add it to the tenant's allowed origins.`,
    });
  }
  await enforceApiKeyLimit(ctx, principal.keyId, principal.tenantId);
  return next({ ctx: { ...ctx, apiKey: principal } });
});
