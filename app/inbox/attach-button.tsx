"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useRef, useState } from "react";
import { readyToSendEncrypted } from "../../lib/matrix/send-encrypted-text";
import { AttachmentTooLargeError, MAX_ATTACHMENT_BYTES, uploadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";

/**
 * Lets the agent attach a file: encrypted in the browser, only the ciphertext
 * uploaded, then sent as an end-to-end encrypted m.image / m.file.
 */
export function AttachButton({ client, roomId }: { client: MatrixClient; roomId: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onFile(file: File): Promise<void> {
    setError(null);
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(`${file.name} is too large: the limit is ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    setStatus(`Encrypting and sending ${file.name}…`);
    try {
      // Never in the clear: the event carries the file's key.
      await readyToSendEncrypted(client, roomId);
      const content = await uploadEncryptedAttachment(client, file);
      await client.sendMessage(roomId, content as never);
    } catch (err) {
      setError(err instanceof AttachmentTooLargeError ? `${file.name} is too large: the limit is 10 MB.` : `Not sent: ${(err as Error).message}`);
    } finally {
      setStatus(null);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        aria-hidden="true"
        tabIndex={-1}
        data-testid="attach-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void onFile(f);
        }}
      />
      <button type="button" onClick={() => input.current?.click()} disabled={status !== null} aria-label="Attach a file">
        Attach
      </button>
      <span className="muted small" aria-live="polite">
        {status}
      </span>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
