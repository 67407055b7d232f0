import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { fieldError } from "@/server/lib/app-error";

// Addresses a tenant's webhook must never reach from our servers (SSRF): loopback,
// private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
// unspecified, multicast and reserved ranges, in IPv4 and IPv6.
const blocked = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

/** Whether an IP address is one a webhook may not be delivered to. */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isForbiddenAddress(mapped);
  const version = isIP(address);
  if (version === 0) return true;
  return blocked.check(address, version === 4 ? "ipv4" : "ipv6");
}

const refused = (why: string) => fieldError("BAD_REQUEST", "WEBHOOK_URL_NOT_ALLOWED", "webhookUrl", `${why}; webhooks go to public addresses only.`);

/**
 * At save: an https URL (http outside production) whose host is not an address we
 * refuse. Names are checked again after DNS resolution at every delivery.
 */
export function assertWebhookUrlAllowed(raw: string, production: boolean): void {
  const url = new URL(raw);
  if (production && url.protocol !== "https:") throw refused("must use https");
  if (!production) return;
  // "localhost." is localhost: a trailing dot must not get a name past the check.
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local")) {
    throw refused(`${host} is a local name`);
  }
  if (isIP(host) && isForbiddenAddress(host)) throw refused(`${host} is a private, loopback or link-local address`);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request that resolves the name and refuses the connection
 * when any address is forbidden: the check and the connection use the same answer,
 * so DNS rebinding cannot slip a private address in between.
 */
export function guardedLookup(production: boolean) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses;
      const bad = list.find((a) => isForbiddenAddress(a.address));
      if (production && bad) {
        const e: NodeJS.ErrnoException = new Error(`${hostname} resolves to ${bad.address}, a private, loopback or link-local address`);
        e.code = "WEBHOOK_ADDRESS_FORBIDDEN";
        return callback(e, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`${hostname} has no address`), []);
      callback(null, first.address, first.family);
    });
  };
}
