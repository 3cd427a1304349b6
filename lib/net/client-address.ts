import { isIP } from "node:net";

/**
 * The address a rate limit should count a request against. With a trusted
 * reverse proxy, the last X-Forwarded-For entry (the one that proxy added;
 * anything before it came from the client and is ignored); without one, the
 * TCP peer. IPv4-mapped IPv6 becomes IPv4, and IPv6 counts per /64, since one
 * host usually owns a whole /64. Null when no usable address is known.
 */
export function clientAddress(opts: { trustedProxy: boolean; forwardedFor: string | null; peer: string | null }): string | null {
  const raw = opts.trustedProxy ? (opts.forwardedFor ?? "").split(",").at(-1)?.trim() : opts.peer?.trim();
  if (!raw) return null;
  const ip = raw.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  switch (isIP(ip)) {
    case 4:
      return ip;
    case 6:
      return `${expandIpv6(ip).slice(0, 4).join(":")}::/64`;
    default:
      return null;
  }
}

function expandIpv6(ip: string): string[] {
  const [head, tail = ""] = (ip.toLowerCase().split("%")[0] ?? "").split("::");
  const h = head ? head.split(":") : [];
  const t = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::") ? [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t] : h;
  return groups.map((g) => g.replace(/^0+(?=.)/, ""));
}
