"use client";

import type { FormEvent } from "react";

type Props = { busy: boolean; onPassphrase: (passphrase: string) => void; onMismatch: () => void };

/** A new passphrase, typed twice; the two must match. */
export function PassphraseForm({ busy, onPassphrase, onMismatch }: Props) {
  function submit(e: FormEvent<HTMLFormElement>): void {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const passphrase = String(form.get("passphrase") ?? "");
    if (passphrase !== String(form.get("passphrase-again") ?? "")) return onMismatch();
    onPassphrase(passphrase);
  }
  return (
    <form onSubmit={submit} className="grid" aria-busy={busy}>
      <p className="muted small">At least 14 characters; a few unrelated words work well. Nobody can recover a forgotten passphrase.</p>
      <label>
        Passphrase
        <input name="passphrase" type="password" autoComplete="new-password" required />
      </label>
      <label>
        Passphrase again
        <input name="passphrase-again" type="password" autoComplete="new-password" required />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Protecting your backup…" : "Use this passphrase"}
      </button>
    </form>
  );
}
