"use client";

import { useEffect, useState } from "react";

/** Shows the new recovery key once, with copy and download, until the agent says it is saved. */
export function RecoveryKeyPanel({ recoveryKey, onSaved }: { recoveryKey: string; onSaved: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const [href, setHref] = useState<string | null>(null);

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([`Sealdesk recovery key\n\n${recoveryKey}\n`], { type: "text/plain" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [recoveryKey]);

  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(recoveryKey).then(() => setCopied(true), () => setCopied(false));
  }

  return (
    <section className="card setup" aria-labelledby="recovery-key-title">
      <h2 id="recovery-key-title">Save your recovery key</h2>
      <p>
        Your conversations are end-to-end encrypted and backed up, encrypted, on the server. This recovery key is the only way to read them from
        another browser if none of your signed-in browsers is at hand. It is shown only now; nobody, not even an administrator, can show it again.
      </p>
      <code className="recovery-key" aria-label="Recovery key">
        {recoveryKey}
      </code>
      <div className="row">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </button>
        {href && (
          <a className="button secondary" href={href} download="sealdesk-recovery-key.txt">
            Download
          </a>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I saved my recovery key somewhere safe
      </label>
      <button type="button" disabled={!saved} onClick={onSaved}>
        Continue
      </button>
    </section>
  );
}
