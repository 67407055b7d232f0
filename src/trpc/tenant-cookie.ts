/** The tenant a user chose in the dashboard; sent as `x-tenant-id` by the browser and by server components. */
export const TENANT_COOKIE = "po-tenant";

export function readTenantCookie(): string | null {
  if (typeof document === "undefined") return null;
  const match = document.cookie.split("; ").find((c) => c.startsWith(`${TENANT_COOKIE}=`));
  return match ? decodeURIComponent(match.slice(TENANT_COOKIE.length + 1)) : null;
}

export function writeTenantCookie(tenantId: string): void {
  document.cookie = `${TENANT_COOKIE}=${encodeURIComponent(tenantId)}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
}
