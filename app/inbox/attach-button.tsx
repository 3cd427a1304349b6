"use client";

import { useRef, useState } from "react";
import { MAX_ATTACHMENT_BYTES } from "../../lib/matrix/encrypted-attachment";
import type { ConsoleOutbox } from "./console-outbox";

/**
 * Lets the agent attach a file: it joins the conversation's outbox (in order
 * with the texts, held like them by the member check), is encrypted in the
 * browser, only the ciphertext uploaded, then sent as an end-to-end encrypted
 * m.image / m.file.
 */
export function AttachButton({ outbox }: { outbox: ConsoleOutbox }) {
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onFile(file: File): Promise<void> {
    setError(null);
    if (file.size > MAX_ATTACHMENT_BYTES) {
      setError(`${file.name} is too large: the limit is ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
      return;
    }
    setStatus(null);
    outbox.sendFile(file);
    if (input.current) input.current.value = "";
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
