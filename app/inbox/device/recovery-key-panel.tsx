"use client";

import { useEffect, useState, type FormEvent } from "react";

type Props = { recoveryKey: string; onSaved: () => void; onPassphrase: (passphrase: string) => Promise<void> };

/**
 * Shows the new recovery key once, with copy and download, until the agent says
 * it is saved; or lets the agent protect the backup with a passphrase instead.
 */
export function RecoveryKeyPanel({ recoveryKey, onSaved, onPassphrase }: Props) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const [href, setHref] = useState<string | null>(null);
  const [mode, setMode] = useState<"key" | "passphrase" | "busy" | "passphrase-set">("key");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const url = URL.createObjectURL(new Blob([`Sealdesk recovery key\n\n${recoveryKey}\n`], { type: "text/plain" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [recoveryKey]);

  async function copy(): Promise<void> {
    await navigator.clipboard.writeText(recoveryKey).then(() => setCopied(true), () => setCopied(false));
  }

  async function setPassphrase(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const passphrase = String(form.get("passphrase") ?? "");
    setError(null);
    if (passphrase !== String(form.get("passphrase-again") ?? "")) return setError("The two passphrases differ.");
    setMode("busy");
    try {
      await onPassphrase(passphrase);
      setMode("passphrase-set");
    } catch (err) {
      setError((err as Error).message);
      setMode("passphrase");
    }
  }

  if (mode === "passphrase-set")
    return (
      <section className="card setup" aria-labelledby="recovery-key-title">
        <h2 id="recovery-key-title">Your passphrase protects your backup</h2>
        <p role="status">In another browser, verify with this passphrase. The recovery key shown before no longer works.</p>
        <button type="button" onClick={onSaved}>
          Continue
        </button>
      </section>
    );

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
        {mode === "key" && (
          <button type="button" className="secondary" onClick={() => setMode("passphrase")}>
            Use a passphrase instead
          </button>
        )}
      </div>
      {mode === "key" ? (
        <>
          <label className="check">
            <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I saved my recovery key somewhere safe
          </label>
          <button type="button" disabled={!saved} onClick={onSaved}>
            Continue
          </button>
        </>
      ) : (
        <form onSubmit={(e) => void setPassphrase(e)} className="grid" aria-busy={mode === "busy"}>
          <p className="muted small">At least 14 characters; a few unrelated words work well. Nobody can recover a forgotten passphrase.</p>
          <label>
            Passphrase
            <input name="passphrase" type="password" autoComplete="new-password" required />
          </label>
          <label>
            Passphrase again
            <input name="passphrase-again" type="password" autoComplete="new-password" required />
          </label>
          <button type="submit" disabled={mode === "busy"}>
            {mode === "busy" ? "Protecting your backup…" : "Use this passphrase"}
          </button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
