"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useState, type FormEvent } from "react";
import type { SasPrompt } from "../../../lib/matrix/sas-verification";
import type { SecretStorageKeyHolder } from "../../../lib/matrix/secure-backup";
import { SasEmoji } from "./sas-emoji";

type Step = { kind: "choose" } | { kind: "busy"; text: string } | { kind: "sas"; prompt: SasPrompt };

/**
 * A browser where the agent's encryption identity does not live yet: verify it
 * with the recovery key, or with emoji against a browser that is signed in
 * already. Either way the key backup is restored afterwards, so earlier
 * conversations are readable here.
 */
export function VerifyDevicePanel({ client, holder, onVerified }: { client: MatrixClient; holder: SecretStorageKeyHolder; onVerified: () => void }) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [error, setError] = useState<string | null>(null);

  async function withRecoveryKey(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const key = String(new FormData(e.currentTarget).get("recovery-key") ?? "");
    setError(null);
    setStep({ kind: "busy", text: "Checking the recovery key and restoring your conversations" });
    try {
      const { recoverWithRecoveryKey } = await import("../../../lib/matrix/secure-backup");
      await recoverWithRecoveryKey(client, holder, key);
      onVerified();
    } catch (err) {
      setError((err as Error).message);
      setStep({ kind: "choose" });
    }
  }

  async function withPassphrase(e: FormEvent<HTMLFormElement>): Promise<void> {
    e.preventDefault();
    const passphrase = String(new FormData(e.currentTarget).get("passphrase") ?? "");
    setError(null);
    setStep({ kind: "busy", text: "Checking the passphrase and restoring your conversations" });
    try {
      const { recoverWithPassphrase } = await import("../../../lib/matrix/secure-backup");
      await recoverWithPassphrase(client, holder, passphrase);
      onVerified();
    } catch (err) {
      setError((err as Error).message);
      setStep({ kind: "choose" });
    }
  }

  async function withOtherDevice(): Promise<void> {
    setError(null);
    setStep({ kind: "busy", text: "Open Sealdesk in a browser where you are signed in, and accept the request there" });
    try {
      const [{ runSasVerification }, { restoreBackupAfterVerification }] = await Promise.all([
        import("../../../lib/matrix/sas-verification"),
        import("../../../lib/matrix/secure-backup"),
      ]);
      const request = await client.getCrypto()!.requestOwnUserVerification();
      await runSasVerification(request, (prompt) => setStep({ kind: "sas", prompt }));
      setStep({ kind: "busy", text: "Verified. Restoring your conversations from the key backup" });
      await restoreBackupAfterVerification(client);
      onVerified();
    } catch (err) {
      setError((err as Error).message);
      setStep({ kind: "choose" });
    }
  }

  return (
    <section className="card setup" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify this browser</h2>
      {step.kind === "choose" && (
        <>
          <p>Your encryption identity was set up in another browser. Prove it is you to read your conversations here.</p>
          <form onSubmit={withRecoveryKey} className="grid">
            <label>
              Recovery key
              <input name="recovery-key" autoComplete="off" spellCheck={false} required />
            </label>
            <button type="submit">Verify with recovery key</button>
          </form>
          <form onSubmit={withPassphrase} className="grid">
            <label>
              Passphrase
              <input name="passphrase" type="password" autoComplete="current-password" required />
            </label>
            <button type="submit">Verify with passphrase</button>
          </form>
          <p className="muted">or</p>
          <button type="button" className="secondary" onClick={() => void withOtherDevice()}>
            Verify with another device
          </button>
        </>
      )}
      {step.kind === "busy" && <p role="status">{step.text}…</p>}
      {step.kind === "sas" && <SasEmoji prompt={step.prompt} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
