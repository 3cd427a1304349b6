// m.room.encrypted contents of a real message's size without running Olm/Megolm: the
// server cannot tell them from real ones. The message's unique id rides in the first
// bytes of the "ciphertext", so the receiver can count it without any field a real
// client would not send.
import { randomBytes } from "node:crypto";

const ID_BYTES = 12;
/** Bytes of ciphertext of a typical short support message (~150 characters) after Megolm's framing. */
export const CIPHERTEXT_BYTES = 240;

const b64 = (b: Buffer): string => b.toString("base64").replace(/=+$/, "");

/** A sender's fixed Megolm identity for one room: the keys a real session would name. */
export function opaqueSession(deviceId: string): { sender_key: string; session_id: string; device_id: string } {
  return { sender_key: b64(randomBytes(32)), session_id: b64(randomBytes(32)), device_id: deviceId };
}

/** A new message id (24 hex characters). */
export function newMessageId(): string {
  return randomBytes(ID_BYTES).toString("hex");
}

/** The event content carrying `id`. */
export function opaqueContent(id: string, session: ReturnType<typeof opaqueSession>): Record<string, string> {
  const idBytes = Buffer.from(id, "hex");
  if (idBytes.length !== ID_BYTES) throw new Error(`not a message id: ${id}`);
  return { algorithm: "m.megolm.v1.aes-sha2", ...session, ciphertext: b64(Buffer.concat([idBytes, randomBytes(CIPHERTEXT_BYTES - ID_BYTES)])) };
}

/** The id an opaque content carries, or null for anything else (a real Megolm event, another event). */
export function messageIdOf(content: unknown): string | null {
  if (typeof content !== "object" || content === null) return null;
  const c = (content as { ciphertext?: unknown }).ciphertext;
  if (typeof c !== "string") return null;
  const bytes = Buffer.from(c, "base64");
  return bytes.length === CIPHERTEXT_BYTES ? bytes.subarray(0, ID_BYTES).toString("hex") : null;
}
