"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useState, type FormEvent } from "react";
import type { SasPrompt } from "../../../lib/matrix/sas-verification";
import type { SecretStorageKeyHolder } from "../../../lib/matrix/secure-backup";
import { ErrorAlert } from "../error-alert";
import { SasEmoji } from "./sas-emoji";

type Step = { kind: "choose" } | { kind: "busy"; text: string } | { kind: "sas"; prompt: SasPrompt };
type Secret = "recovery-key" | "passphrase";

// The two secrets the agent may type: each form's field, its busy text, and how it restores the backup.
const SECRETS: Record<Secret, { busy: string; recover: (client: MatrixClient, holder: SecretStorageKeyHolder, secret: string) => Promise<unknown> }> = {
  "recovery-key": {
    busy: "Checking the recovery key and restoring your conversations",
    recover: async (client, holder, key) => (await import("../../../lib/matrix/secure-backup")).recoverWithRecoveryKey(client, holder, key),
  },
  passphrase: {
    busy: "Checking the passphrase and restoring your conversations",
    recover: async (client, holder, passphrase) => (await import("../../../lib/matrix/secure-backup")).recoverWithPassphrase(client, holder, passphrase),
  },
};

/** Emoji verification against a browser where the agent is signed in, then the key backup restored. */
async function verifyWithOtherDevice(client: MatrixClient, show: (step: Step) => void): Promise<void> {
  show({ kind: "busy", text: "Open Sealdesk in a browser where you are signed in, and accept the request there" });
  const [{ runSasVerification }, { restoreBackupAfterVerification }] = await Promise.all([
    import("../../../lib/matrix/sas-verification"),
    import("../../../lib/matrix/secure-backup"),
  ]);
  const request = await client.getCrypto()!.requestOwnUserVerification();
  await runSasVerification(request, (prompt) => show({ kind: "sas", prompt }));
  show({ kind: "busy", text: "Verified. Restoring your conversations from the key backup" });
  await restoreBackupAfterVerification(client);
}

/** The three ways to prove it is the agent: recovery key, passphrase, another device. */
function ChooseMethod({ onSecret, onOtherDevice }: { onSecret: (kind: Secret, value: string) => void; onOtherDevice: () => void }) {
  const submit = (kind: Secret) => (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSecret(kind, String(new FormData(e.currentTarget).get(kind) ?? ""));
  };
  return (
    <>
      <p>Your encryption identity was set up in another browser. Prove it is you to read your conversations here.</p>
      <form onSubmit={submit("recovery-key")} className="grid">
        <label>
          Recovery key
          <input name="recovery-key" autoComplete="off" spellCheck={false} required />
        </label>
        <button type="submit">Verify with recovery key</button>
      </form>
      <form onSubmit={submit("passphrase")} className="grid">
        <label>
          Passphrase
          <input name="passphrase" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit">Verify with passphrase</button>
      </form>
      <p className="muted">or</p>
      <button type="button" className="secondary" onClick={onOtherDevice}>
        Verify with another device
      </button>
    </>
  );
}

/**
 * A browser where the agent's encryption identity does not live yet: verify it
 * with the recovery key, or with emoji against a browser that is signed in
 * already. Either way the key backup is restored afterwards, so earlier
 * conversations are readable here.
 */
export function VerifyDevicePanel({ client, holder, onVerified }: { client: MatrixClient; holder: SecretStorageKeyHolder; onVerified: () => void }) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [error, setError] = useState<string | null>(null);

  // Any failure brings the choice back, with what went wrong.
  async function attempt(verify: () => Promise<unknown>): Promise<void> {
    setError(null);
    try {
      await verify();
      onVerified();
    } catch (err) {
      setError((err as Error).message);
      setStep({ kind: "choose" });
    }
  }
  const withSecret = (kind: Secret, value: string): void =>
    void attempt(() => {
      setStep({ kind: "busy", text: SECRETS[kind].busy });
      return SECRETS[kind].recover(client, holder, value);
    });

  return (
    <section className="card setup" aria-labelledby="verify-title">
      <h2 id="verify-title">Verify this browser</h2>
      {step.kind === "choose" && <ChooseMethod onSecret={withSecret} onOtherDevice={() => void attempt(() => verifyWithOtherDevice(client, setStep))} />}
      {step.kind === "busy" && <p role="status">{step.text}…</p>}
      {step.kind === "sas" && <SasEmoji prompt={step.prompt} />}
      <ErrorAlert message={error} />
    </section>
  );
}
