import { fromBase64 } from "./base64";

/**
 * Whether `signature` (unpadded base64) is a valid Ed25519 signature by the
 * organisation key `key` (`ed25519:<base64>`) over `text` (UTF-8). WebCrypto
 * only (widget, console, server, tests). Never throws.
 */
export async function ed25519Valid(key: string, signature: string | undefined, text: string): Promise<boolean> {
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
