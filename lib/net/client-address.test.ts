import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("clientAddress", () => {
  it("uses the TCP peer and ignores X-Forwarded-For without a trusted proxy", () => {
    expect(clientAddress({ trustedProxy: false, forwardedFor: "198.51.100.9", peer: "203.0.113.7" })).toBe("203.0.113.7");
    expect(clientAddress({ trustedProxy: false, forwardedFor: "198.51.100.9", peer: null })).toBeNull();
  });

  it("takes the entry the trusted proxy appended, not what the client sent before it", () => {
    expect(clientAddress({ trustedProxy: true, forwardedFor: "1.1.1.1, 203.0.113.7", peer: "10.0.0.2" })).toBe("203.0.113.7");
    expect(clientAddress({ trustedProxy: true, forwardedFor: null, peer: "10.0.0.2" })).toBeNull();
  });

  it("normalises IPv4-mapped addresses and counts IPv6 per /64", () => {
    expect(clientAddress({ trustedProxy: false, forwardedFor: null, peer: "::ffff:127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddress({ trustedProxy: false, forwardedFor: null, peer: "2001:db8:0:1:aaaa::1" })).toBe("2001:db8:0:1::/64");
    expect(clientAddress({ trustedProxy: false, forwardedFor: null, peer: "2001:db8::1" })).toBe("2001:db8:0:0::/64");
    expect(clientAddress({ trustedProxy: false, forwardedFor: null, peer: "::1" })).toBe("0:0:0:0::/64");
  });

  it("refuses garbage", () => {
    expect(clientAddress({ trustedProxy: true, forwardedFor: "not-an-ip", peer: null })).toBeNull();
    expect(clientAddress({ trustedProxy: false, forwardedFor: null, peer: "" })).toBeNull();
  });
});
