import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

// AES-256-GCM from node:crypto (OpenSSL), a key derived with HKDF: no hand-made crypto.
const INFO = "sealdesk webhook secret v1";

function keyOf(integrationsKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", integrationsKey, "", INFO, 32));
}

/**
 * Encrypts a webhook signing secret for storage: AES-256-GCM under a key
 * derived from INTEGRATIONS_KEY (kept in the environment of the app and the
 * router, never in the database), so a copy of the database alone does not
 * let anyone forge deliveries. Format `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
export function sealSecret(integrationsKey: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(integrationsKey), iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv, ct, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Decrypts a sealed secret; throws when the key is wrong or the box was altered. */
export function openSecret(integrationsKey: string, box: string): string {
  const [v, iv, ct, tag] = box.split(".");
  if (v !== "v1" || !iv || !ct || !tag) throw new Error("not a sealed webhook secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(integrationsKey), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
}

/** A new signing secret (shown to the operator once): `whsec_` and 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}
