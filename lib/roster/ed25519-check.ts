import { fromBase64 } from "./base64";

/**
 * Whether `signature` (unpadded base64) is a valid Ed25519 signature by the
 * organisation key `key` (`ed25519:<base64>`) over `text` (UTF-8). WebCrypto
 * only (widget, console, server, tests). Never throws.
 */
export async function ed25519Valid(key: string, signature: string | undefined, text: string): Promise<boolean> {
  // The same key, signature and text verify the same way every time: the console checks the same roster before each send.
  const memo = JSON.stringify([key, signature, text]);
  if (verified.has(memo)) return true;
  const ok = await verify(key, signature, text);
  if (ok) {
    verified.add(memo);
    if (verified.size > MAX_KEPT) verified.delete(verified.values().next().value!);
  }
  return ok;
}

// Only valid signatures are kept (an invalid one is checked again each time); the oldest goes first.
const MAX_KEPT = 16;
const verified = new Set<string>();

async function verify(key: string, signature: string | undefined, text: string): Promise<boolean> {
  const raw = fromBase64(key.slice("ed25519:".length));
  const sig = fromBase64(signature ?? "");
  if (!key.startsWith("ed25519:") || !raw || raw.length !== 32 || !sig || sig.length !== 64) return false;
  try {
    const k = await crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
    return await crypto.subtle.verify({ name: "Ed25519" }, k, sig, new TextEncoder().encode(text));
  } catch {
    return false;
  }
}
