import { createHmac, hkdfSync } from "node:crypto";

// HKDF from the server's INTEGRATIONS_KEY: a purpose of its own, so this key signs nothing else.
const INFO = "sealdesk customer id v1";

/**
 * What we store for a host site's user id: an HMAC-SHA256 of site and `sub`
 * under a key derived from INTEGRATIONS_KEY, hex. Enough to map the same
 * customer to the same visitor account, while a copy of our database alone
 * neither shows the site's user ids nor lets anyone test a guessed one.
 */
export function customerIdHash(integrationsKey: string, siteId: string, sub: string): string {
  const key = Buffer.from(hkdfSync("sha256", integrationsKey, "", INFO, 32));
  return createHmac("sha256", key).update(`${siteId}\n${sub}`).digest("hex");
}
