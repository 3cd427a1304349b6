/**
 * Account-data type that says a known customer protected their history with a
 * passkey: which credential, and the PRF salt. Neither is secret (the server
 * sees them); the key comes only from the authenticator's PRF output.
 */
export const PASSKEY_BACKUP_TYPE = "org.sealdesk.passkey_backup";

/** What {@link PASSKEY_BACKUP_TYPE} holds (base64url strings; `key_id`: the secret storage key it unlocks). */
export type PasskeyBackup = { credential_id: string; salt: string; key_id: string };

// Checked by hand, not with zod: the widget loads this in a lazy chunk, and sharing zod with the
// frame's start code would split the start chunks (their gzip grows by ~450 bytes; see docs/budgets.md).
const FIELDS: Record<keyof PasskeyBackup, RegExp> = {
  credential_id: /^[A-Za-z0-9_-]{16,1400}$/,
  salt: /^[A-Za-z0-9_-]{43}$/,
  key_id: /^[\x21-\x7e]{1,100}$/,
};

// Type the marker for matrix-js-sdk's getAccountData/setAccountData.
declare module "matrix-js-sdk/lib/types" {
  interface AccountDataEvents {
    [PASSKEY_BACKUP_TYPE]: PasskeyBackup;
  }
}

/** The `info` of the HKDF step: binds the derived key to this one use. */
export const PASSKEY_KEY_INFO = "sealdesk: secret storage key from passkey PRF v1";

/**
 * The 32-byte secret storage (4S) key, from the passkey's PRF output: HKDF-SHA-256
 * through WebCrypto (the PRF output is already uniformly random; HKDF binds it to
 * this use and the account). Same PRF output and user id: same key.
 */
export async function deriveSecretStorageKey(prfOutput: BufferSource, userId: string): Promise<Uint8Array<ArrayBuffer>> {
  const ikm = await crypto.subtle.importKey("raw", prfOutput, "HKDF", false, ["deriveBits"]);
  const bits = await crypto.subtle.deriveBits(
    { name: "HKDF", hash: "SHA-256", salt: new TextEncoder().encode(userId), info: new TextEncoder().encode(PASSKEY_KEY_INFO) },
    ikm,
    256,
  );
  return new Uint8Array(bits);
}

/** What the widget offers a visitor about their history; see {@link historyOffer}. */
export type HistoryOffer = "this-browser-only" | "this-page-only" | "offer-backup" | "backed-up" | "unlock" | "none";

/**
 * The widget's history choice: anonymous visitors keep history in this browser only
 * (and are told so); a customer whose device holds the identity may back it up with
 * a passkey (or has); a customer on a new device whose account has a passkey backup
 * may unlock it; without PRF support in the browser there is nothing to offer.
 * Where the browser gives the frame no storage (`pageOnly`: a cross-site embed
 * that blocks third-party storage) the chat lasts while the page is open and
 * everyone is told so; no backup is offered (this identity is gone with the
 * page), but a customer's existing backup may still be unlocked.
 */
export function historyOffer(s: {
  customer: boolean;
  identityHere: boolean;
  backup: PasskeyBackup | null;
  webauthn: boolean;
  pageOnly?: boolean;
}): HistoryOffer {
  if (s.pageOnly) return s.customer && !s.identityHere && s.backup && s.webauthn ? "unlock" : "this-page-only";
  if (!s.customer) return "this-browser-only";
  if (s.identityHere) return s.backup ? "backed-up" : s.webauthn ? "offer-backup" : "none";
  return s.backup && s.webauthn ? "unlock" : "none";
}

/** Parses the account data, or null when absent or not ours (a hostile server's junk is no backup). */
export function readPasskeyBackup(content: unknown): PasskeyBackup | null {
  if (typeof content !== "object" || content === null) return null;
  const c = content as Record<string, unknown>;
  const ok = (Object.keys(FIELDS) as (keyof PasskeyBackup)[]).every((k) => typeof c[k] === "string" && FIELDS[k].test(c[k]));
  return ok ? { credential_id: c.credential_id as string, salt: c.salt as string, key_id: c.key_id as string } : null;
}

/** base64url without padding (for credential ids and salts in account data). */
export function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The bytes of a base64url string. */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
