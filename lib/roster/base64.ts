/** Bytes to unpadded standard base64 (Matrix's encoding of keys and signatures). Browser and Node. */
export function toUnpaddedBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/=+$/, "");
}

/** Unpadded (or padded) standard or URL-safe base64 to bytes; null when malformed. */
export function fromBase64(value: string): Uint8Array<ArrayBuffer> | null {
  try {
    const s = atob(
      value
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(value.length / 4) * 4, "="),
    );
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
