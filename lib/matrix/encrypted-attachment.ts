import { MatrixError, MsgType, type MatrixClient } from "matrix-js-sdk";
import { decryptAttachment, encryptAttachment, type IEncryptedFile } from "matrix-encrypt-attachment";
import type { ChatAttachment } from "./timeline-messages";

/** Largest attachment the widget sends (the homeserver may allow more). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Thrown for a file over {@link MAX_ATTACHMENT_BYTES}; nothing was uploaded. */
export class AttachmentTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The file is larger than ${limitBytes} bytes`);
    this.name = "AttachmentTooLargeError";
  }
}

/** Thrown when the homeserver refuses an upload because the account's upload quota is used up (M_USER_LIMIT_EXCEEDED). */
export class AttachmentQuotaError extends Error {
  constructor() {
    super("The upload quota of this account is used up");
    this.name = "AttachmentQuotaError";
  }
}

/** The homeserver's refusals of an upload, as the errors the widget explains; anything else as is. */
export function uploadRefusal(err: unknown): unknown {
  if (!(err instanceof MatrixError)) return err;
  if (err.errcode === "M_USER_LIMIT_EXCEEDED") return new AttachmentQuotaError();
  if (err.errcode === "M_TOO_LARGE") return new AttachmentTooLargeError(MAX_ATTACHMENT_BYTES);
  return err;
}

/**
 * Encrypts a file in the browser (AES-CTR with a fresh key, via
 * matrix-encrypt-attachment and WebCrypto), uploads only the ciphertext and
 * returns the m.room.message content (m.image or m.file with an
 * EncryptedFile). The key travels only inside the end-to-end encrypted event.
 */
export async function uploadEncryptedAttachment(
  client: MatrixClient,
  file: { name: string; type: string; size: number; arrayBuffer(): Promise<ArrayBuffer> },
): Promise<Record<string, unknown>> {
  if (file.size > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(MAX_ATTACHMENT_BYTES);
  const { data, info } = await encryptAttachment(await file.arrayBuffer());
  const { content_uri: url } = await client
    .uploadContent(new Blob([data], { type: "application/octet-stream" }), { type: "application/octet-stream", includeFilename: false })
    .catch((err: unknown) => Promise.reject(uploadRefusal(err)));
  const image = /^image\/(png|jpeg|gif|webp)$/.test(file.type);
  return {
    msgtype: image ? MsgType.Image : MsgType.File,
    body: file.name,
    info: { mimetype: file.type || "application/octet-stream", size: file.size },
    file: { ...info, url },
  };
}

/**
 * Downloads an attachment's ciphertext through authenticated media and
 * decrypts it (the hash is checked before decryption).
 */
export async function downloadEncryptedAttachment(client: MatrixClient, attachment: ChatAttachment): Promise<Blob> {
  const http = client.mxcUrlToHttp(attachment.file.url, undefined, undefined, undefined, false, true, true);
  if (!http) throw new Error("Not a media URL");
  const res = await fetch(http, { headers: { authorization: `Bearer ${client.getAccessToken() ?? ""}` } });
  if (!res.ok) throw new Error(`Download failed: HTTP ${res.status}`);
  const plain = await decryptAttachment(await res.arrayBuffer(), attachment.file as IEncryptedFile);
  return new Blob([plain], { type: attachment.mimetype });
}
