import { describe, expect, it } from "vitest";
import { clientKey, normaliseIp, trustedClientIp } from "./client-address";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("the client address (TRUSTED_PROXY)", () => {
  it("believes no header with none, whatever the client sends", () => {
    expect(trustedClientIp(xff("198.51.100.7"), "none")).toBeNull();
    expect(trustedClientIp(new Headers({ "x-real-ip": "198.51.100.7", "x-vercel-forwarded-for": "198.51.100.7" }), "none")).toBeNull();
  });

  it("takes the N-th X-Forwarded-For entry from the right with N proxies, ignoring what the client prepended", () => {
    expect(trustedClientIp(xff("1.1.1.1, 198.51.100.7"), "1")).toBe("198.51.100.7");
    expect(trustedClientIp(xff("1.1.1.1, 198.51.100.7, 10.0.0.2"), "2")).toBe("198.51.100.7");
    expect(trustedClientIp(xff("198.51.100.7"), "2")).toBe("198.51.100.7");
    expect(trustedClientIp(new Headers(), "1")).toBeNull();
  });

  it("on Vercel prefers x-vercel-forwarded-for, else X-Forwarded-For's last entry", () => {
    expect(trustedClientIp(new Headers({ "x-vercel-forwarded-for": "198.51.100.7", "x-forwarded-for": "1.1.1.1" }), "vercel")).toBe("198.51.100.7");
    expect(trustedClientIp(xff("1.1.1.1, 198.51.100.8"), "vercel")).toBe("198.51.100.8");
  });

  it("counts IPv6 per /64 and refuses what is not an address", () => {
    expect(normaliseIp("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(normaliseIp("2001:db8:1:2:bbbb:cccc:dddd:eeee")).toBe("2001:db8:1:2::/64");
    expect(normaliseIp("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normaliseIp("::ffff:198.51.100.7")).toBe("198.51.100.7");
    expect(normaliseIp("198.51.100.7:5000")).toBe("198.51.100.7");
    expect(normaliseIp("unknown")).toBeNull();
    expect(trustedClientIp(xff("1.1.1.1, not-an-ip"), "1")).toBeNull();
  });

  it("names a browser by next-auth's CSRF cookie when no address is trusted, else each request alone", () => {
    const cookie = new Headers({ cookie: "a=1; next-auth.csrf-token=abc%7Cdef" });
    expect(clientKey(cookie, "none")).toBe(clientKey(cookie, "none"));
    expect(clientKey(cookie, "none")).toMatch(/^browser:/);
    const a = clientKey(xff("198.51.100.7"), "none");
    expect(a).toMatch(/^request:/);
    expect(clientKey(xff("198.51.100.7"), "none")).not.toBe(a);
    expect(clientKey(xff("198.51.100.7"), "1")).toBe("ip:198.51.100.7");
  });
});
