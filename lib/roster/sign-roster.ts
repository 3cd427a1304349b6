import { fromBase64, toUnpaddedBase64 } from "./base64";
import { ROSTER_TYPE, type RosterAgent, type SignedRoster } from "./roster";
import { ENDORSEMENT_TYPE, type KeyEndorsement } from "./key-endorsement";
import { rosterSigningText } from "./verify-roster";

/** A new organisation key pair (extractable, so the private part can go to secret storage). */
export async function generateOrgKey(): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
}

/** The organisation key's public name and fingerprint: `ed25519:<unpadded base64 of the 32-byte key>`. */
export async function orgKeyId(publicKey: CryptoKey): Promise<string> {
  return `ed25519:${toUnpaddedBase64(new Uint8Array(await crypto.subtle.exportKey("raw", publicKey)))}`;
}

/** The private key as unpadded base64 PKCS#8 (what secret storage keeps). */
export async function exportOrgPrivateKey(privateKey: CryptoKey): Promise<string> {
  return toUnpaddedBase64(new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey)));
}

/** Imports a private key kept by {@link exportOrgPrivateKey}, and derives its public key id. */
export async function importOrgPrivateKey(pkcs8Base64: string): Promise<{ privateKey: CryptoKey; orgKey: string }> {
  const bytes = fromBase64(pkcs8Base64);
  if (!bytes) throw new Error("The stored organisation key is malformed");
  const privateKey = await crypto.subtle.importKey("pkcs8", bytes, { name: "Ed25519" }, true, ["sign"]);
  // The public key is the JWK's x (base64url): no second secret to keep.
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  const pub = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, true, ["verify"]);
  return { privateKey, orgKey: await orgKeyId(pub) };
}

/**
 * Builds and signs a roster: the agents sorted by user id (one entry each,
 * with the team each supervisor supervises), signed with the organisation's
 * private key over the canonical JSON.
 */
export async function signRoster(
  input: { version: number; issuedAt: number; orgKey: string; agents: readonly RosterAgent[] },
  privateKey: CryptoKey,
): Promise<SignedRoster> {
  // `supervises` only when set: a roster without roles signs exactly the bytes it signed before roles existed.
  const entry = (a: RosterAgent): RosterAgent => ({ user_id: a.user_id, master_key: a.master_key, ...(a.supervises ? { supervises: a.supervises } : {}) });
  const agents = [...new Map(input.agents.map((a) => [a.user_id, entry(a)])).values()].sort((a, b) => (a.user_id < b.user_id ? -1 : 1));
  const content = { type: ROSTER_TYPE, version: input.version, issued_at: input.issuedAt, org_key: input.orgKey, agents } as const;
  const sig = await crypto.subtle.sign({ name: "Ed25519" }, privateKey, new TextEncoder().encode(rosterSigningText(content)));
  return { ...content, signatures: { [input.orgKey]: toUnpaddedBase64(new Uint8Array(sig)) } };
}

/**
 * The rotation's cross-signature: the old organisation key endorses the new
 * one until `expiresAt`, so widgets whose snippet still carries the old key
 * (and consoles that pinned it) follow to the new key until then.
 */
export async function signEndorsement(
  input: { oldKey: string; newKey: string; issuedAt: number; expiresAt: number },
  oldPrivateKey: CryptoKey,
): Promise<KeyEndorsement> {
  const content = { type: ENDORSEMENT_TYPE, old_key: input.oldKey, new_key: input.newKey, issued_at: input.issuedAt, expires_at: input.expiresAt } as const;
  const sig = await crypto.subtle.sign({ name: "Ed25519" }, oldPrivateKey, new TextEncoder().encode(rosterSigningText(content)));
  return { ...content, signatures: { [input.oldKey]: toUnpaddedBase64(new Uint8Array(sig)) } };
}
