"use client";

import { useState } from "react";
import { ErrorAlert } from "../error-alert";
import { PassphraseForm } from "./passphrase-form";

type Props = { recoveryKey: string; onSaved: () => void; onPassphrase: (passphrase: string) => Promise<void> };
type Mode = "key" | "passphrase" | "busy" | "passphrase-set";

/** After switching to a passphrase: the recovery key shown before no longer works. */
function PassphraseSet({ onSaved }: { onSaved: () => void }) {
  return (
    <section className="card setup" aria-labelledby="recovery-key-title">
      <h2 id="recovery-key-title">Your passphrase protects your backup</h2>
      <p role="status">In another browser, verify with this passphrase. The recovery key shown before no longer works.</p>
      <button type="button" onClick={onSaved}>
        Continue
      </button>
    </section>
  );
}

/** Continue only once the agent says the key is saved. */
function SavedConfirmation({ onSaved }: { onSaved: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I saved my recovery key somewhere safe
      </label>
      <button type="button" disabled={!saved} onClick={onSaved}>
        Continue
      </button>
    </>
  );
}

/** Copy, download, or protect the backup with a passphrase instead. */
function KeyActions({ recoveryKey, offerPassphrase }: { recoveryKey: string; offerPassphrase: (() => void) | null }) {
  const [copied, setCopied] = useState(false);
  // A data: address needs no object URL to create in an effect and revoke after.
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(`Sealdesk recovery key\n\n${recoveryKey}\n`)}`;
  const copy = (): void =>
    void navigator.clipboard.writeText(recoveryKey).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="row">
      <button type="button" className="secondary" onClick={copy}>
        {copied ? "Copied" : "Copy"}
      </button>
      <a className="button secondary" href={href} download="sealdesk-recovery-key.txt">
        Download
      </a>
      {offerPassphrase && (
        <button type="button" className="secondary" onClick={offerPassphrase}>
          Use a passphrase instead
        </button>
      )}
    </div>
  );
}

/**
 * Shows the new recovery key once, with copy and download, until the agent says
 * it is saved; or lets the agent protect the backup with a passphrase instead.
 */
export function RecoveryKeyPanel({ recoveryKey, onSaved, onPassphrase }: Props) {
  const [mode, setMode] = useState<Mode>("key");
  const [error, setError] = useState<string | null>(null);

  async function setPassphrase(passphrase: string): Promise<void> {
    setError(null);
    setMode("busy");
    try {
      await onPassphrase(passphrase);
      setMode("passphrase-set");
    } catch (err) {
      setError((err as Error).message);
      setMode("passphrase");
    }
  }

  if (mode === "passphrase-set") return <PassphraseSet onSaved={onSaved} />;
  return (
    <section className="card setup" aria-labelledby="recovery-key-title">
      <h2 id="recovery-key-title">Save your recovery key</h2>
      <p>
        Your conversations are end-to-end encrypted and backed up, encrypted, on the server. This recovery key is the only way to read them from another browser
        if none of your signed-in browsers is at hand. It is shown only now; nobody, not even an administrator, can show it again.
      </p>
      <code className="recovery-key" aria-label="Recovery key">
        {recoveryKey}
      </code>
      <KeyActions recoveryKey={recoveryKey} offerPassphrase={mode === "key" ? () => setMode("passphrase") : null} />
      {mode === "key" ? (
        <SavedConfirmation onSaved={onSaved} />
      ) : (
        <PassphraseForm busy={mode === "busy"} onPassphrase={(p) => void setPassphrase(p)} onMismatch={() => setError("The two passphrases differ.")} />
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
