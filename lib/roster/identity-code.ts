import { fromBase64 } from "./base64";

/** Domain separation: this digest is only ever an identity code, never mistaken for another hash of the key. */
const CONTEXT = "org.sealdesk.identity_code.v1\n";

/** Groups of four digits in a code. */
const GROUPS = 5;

/**
 * A short code people read aloud to compare an agent's cross-signing master key
 * (unpadded base64, as `/keys/query` and the roster carry it): five groups of
 * four digits from SHA-256 of the key's bytes (about 66 bits). The trust page
 * and the agent's own console show it; a server that swapped the key cannot make
 * the codes match without finding a key with the same digest prefix.
 * Returns null for a string that is not a 32-byte key.
 */
export async function identityCode(masterKey: string): Promise<string | null> {
  const key = fromBase64(masterKey);
  if (!key || key.length !== 32) return null;
  const context = new TextEncoder().encode(CONTEXT);
  const input = new Uint8Array(context.length + key.length);
  input.set(context);
  input.set(key, context.length);
  const digest = new DataView(await crypto.subtle.digest("SHA-256", input));
  const groups: string[] = [];
  // 32 bits per group, reduced to four digits (the bias of 2^32 mod 10^4 is below 10^-5).
  for (let i = 0; i < GROUPS; i++) groups.push(String(digest.getUint32(i * 4) % 10_000).padStart(4, "0"));
  return groups.join(" ");
}
