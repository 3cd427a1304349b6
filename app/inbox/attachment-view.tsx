"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import { downloadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import type { ChatAttachment } from "../../lib/matrix/timeline-messages";

/**
 * An encrypted attachment, decrypted here in the browser: an image as a
 * preview (alt text = its file name), any other file as a download button.
 */
export function AttachmentView({ client, attachment }: { client: MatrixClient; attachment: ChatAttachment }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (attachment.kind !== "image") return;
    let objectUrl: string | null = null;
    let live = true;
    downloadEncryptedAttachment(client, attachment)
      .then((blob) => {
        objectUrl = URL.createObjectURL(blob);
        if (live) setUrl(objectUrl);
      })
      .catch((err: unknown) => live && setError((err as Error).message));
    return () => {
      live = false;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [client, attachment]);

  async function download(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const blobUrl = URL.createObjectURL(await downloadEncryptedAttachment(client, attachment));
      const a = document.createElement("a");
      a.href = blobUrl;
      a.download = attachment.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (error) {
    return (
      <p role="alert" className="error small">
        Could not open {attachment.name}: {error}
      </p>
    );
  }
  if (attachment.kind === "image") {
    return url ? (
      <img className="attachment-preview" src={url} alt={attachment.name} />
    ) : (
      <em className="muted small" aria-busy="true">
        Decrypting {attachment.name}…
      </em>
    );
  }
  return (
    <button type="button" className="attachment-download" onClick={() => void download()} disabled={busy}>
      {busy ? `Decrypting ${attachment.name}…` : `Download ${attachment.name}`}
      {attachment.size !== undefined ? ` (${Math.ceil(attachment.size / 1024)} KB)` : ""}
    </button>
  );
}
