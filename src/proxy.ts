import { NextResponse } from "next/server";
import { invalidPath, restRefusal, trpcRefusal } from "@/server/api/http-refusal";
import { requestIdFrom } from "@/server/lib/request-id";

/**
 * Next.js decodes a dynamic route's parameters before our route handler runs and
 * answers a malformed escape (e.g. %ED%A0%80, a lone surrogate) with a bare 500.
 * This runs first, only for API paths that contain an escape at all (see matcher),
 * and refuses those that do not decode with a typed 400 instead.
 */
export function proxy(req: Request) {
  const { pathname } = new URL(req.url);
  try {
    decodeURIComponent(pathname);
    return NextResponse.next();
  } catch {
    const requestId = requestIdFrom(req.headers);
    const headers = { "x-request-id": requestId };
    return pathname.startsWith("/api/trpc/") ? trpcRefusal(invalidPath(), requestId, headers) : restRefusal(invalidPath(), requestId, headers);
  }
}

export const config = {
  // Only paths with a percent sign: the hot path (plain /api/trpc/assignment.assign) never runs this.
  matcher: ["/api/:path(.*%.*)"],
};
