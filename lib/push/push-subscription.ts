import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The push services of the browsers that support Web Push (Chrome/Edge/Opera, Firefox, Safari, Windows). */
export const DEFAULT_PUSH_HOSTS: readonly string[] = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "web.push.apple.com", "*.notify.windows.com"];

/** Whether `host` is `pattern`, or under it when the pattern starts with `*.`. */
function hostMatches(host: string, pattern: string): boolean {
  return pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
}

/**
 * Checks a push endpoint an agent's browser registered. The router POSTs to it,
 * so it must be a push service's https URL: a host on `allowedHosts` (so an
 * agent cannot point the router at an internal server), no credentials; plain
 * http only to this machine when `allowLocalHttp` (tests and development).
 * Answers an error message, or null when acceptable.
 */
export function pushEndpointProblem(raw: string, opts: { allowLocalHttp: boolean; allowedHosts: readonly string[] }): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "The push endpoint is not a URL";
  }
  if (url.username || url.password) return "The push endpoint must not contain a user name or password";
  if (url.protocol === "http:" && opts.allowLocalHttp && LOCAL_HOSTS.has(url.hostname)) return null;
  if (url.protocol !== "https:") return "The push endpoint must use https";
  if (!opts.allowedHosts.some((p) => hostMatches(url.hostname, p))) return `The push endpoint's host ${url.hostname} is not a known push service`;
  return null;
}

const base64url = z.string().regex(/^[A-Za-z0-9_-]+={0,2}$/, "must be base64url");

/** The bytes of a base64url string (padding allowed); works in browsers and Node alike. */
function decodedBytes(s: string): Uint8Array {
  const b64 = s.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  try {
    return Uint8Array.from(atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * A browser's `PushSubscription.toJSON()`, as the console posts it: the
 * endpoint (at most 1,000 characters), the P-256 public key (65 bytes,
 * uncompressed) and the 16-byte auth secret (RFC 8291). Extra fields are refused.
 */
export const pushSubscriptionSchema = z
  .object({
    endpoint: z.string().min(1).max(1000),
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        p256dh: base64url.max(100).refine((s) => {
          const b = decodedBytes(s);
          return b.length === 65 && b[0] === 0x04;
        }, "keys.p256dh must be an uncompressed P-256 public key (65 bytes)"),
        auth: base64url.max(40).refine((s) => decodedBytes(s).length === 16, "keys.auth must be 16 bytes"),
      })
      .strict(),
  })
  .strict();

/** A subscription that passed {@link pushSubscriptionSchema}. */
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;
