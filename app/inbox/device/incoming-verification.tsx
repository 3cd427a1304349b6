"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { CryptoEvent, type VerificationRequest } from "matrix-js-sdk/lib/crypto-api";
import { useEffect, useState } from "react";
import type { SasPrompt } from "../../../lib/matrix/sas-verification";
import { SasEmoji } from "./sas-emoji";

type Step = { kind: "asked" } | { kind: "busy"; text: string } | { kind: "sas"; prompt: SasPrompt } | { kind: "done" } | { kind: "failed"; message: string };

/** The question: only the agent knows whether that other browser is theirs. */
function Asked({ deviceId, onAccept, onIgnore }: { deviceId: string | undefined; onAccept: () => void; onIgnore: () => void }) {
  return (
    <>
      <p>Someone signed in to your account in another browser{deviceId ? ` (device ${deviceId})` : ""} and asks to be verified. Only accept if it is you.</p>
      <div className="row">
        <button type="button" onClick={onAccept}>
          Verify
        </button>
        <button type="button" className="secondary" onClick={onIgnore}>
          Ignore
        </button>
      </div>
    </>
  );
}

/**
 * On a verified browser: another browser of the same agent asks to be
 * verified. The agent compares the emoji here; once both confirm, this browser
 * signs the new device and sends it the key backup key (secret gossiping).
 */
export function IncomingVerification({ client }: { client: MatrixClient }) {
  const [request, setRequest] = useState<VerificationRequest | null>(null);
  const [step, setStep] = useState<Step>({ kind: "asked" });

  useEffect(() => {
    const onRequest = (r: VerificationRequest): void => {
      // Only our own other devices; verification of other people is not offered here.
      if (!r.isSelfVerification || r.initiatedByMe) return;
      setRequest(r);
      setStep({ kind: "asked" });
    };
    client.on(CryptoEvent.VerificationRequestReceived, onRequest);
    return () => void client.off(CryptoEvent.VerificationRequestReceived, onRequest);
  }, [client]);

  if (!request) return null;

  async function accept(r: VerificationRequest): Promise<void> {
    setStep({ kind: "busy", text: "Waiting for the other browser" });
    try {
      const { runSasVerification } = await import("../../../lib/matrix/sas-verification");
      await runSasVerification(r, (prompt) => setStep({ kind: "sas", prompt }));
      // The new device asks for secrets once verified; pushing the backup key as well does not wait for that.
      const crypto = client.getCrypto() as unknown as { pushSecretToVerifiedDevices?: (name: string) => Promise<void> };
      await crypto.pushSecretToVerifiedDevices?.("m.megolm_backup.v1").catch(() => {});
      setStep({ kind: "done" });
    } catch (err) {
      setStep({ kind: "failed", message: (err as Error).message });
    }
  }

  const close = (): void => setRequest(null);
  return (
    <div className="modal-backdrop">
      <section role="dialog" aria-modal="true" aria-labelledby="incoming-verification-title" className="card modal">
        <h2 id="incoming-verification-title">Verify your other browser</h2>
        {step.kind === "asked" && (
          <Asked
            deviceId={request.otherDeviceId}
            onAccept={() => void accept(request)}
            onIgnore={() => {
              void request.cancel().catch(() => {});
              close();
            }}
          />
        )}
        {step.kind === "busy" && <p role="status">{step.text}…</p>}
        {step.kind === "sas" && <SasEmoji prompt={step.prompt} />}
        {step.kind === "done" && (
          <>
            <p role="status">Your other browser is verified and can now read your conversations.</p>
            <button type="button" onClick={close}>
              Done
            </button>
          </>
        )}
        {step.kind === "failed" && (
          <>
            <p role="alert" className="error">
              Not verified: {step.message}
            </p>
            <button type="button" onClick={close}>
              Close
            </button>
          </>
        )}
      </section>
    </div>
  );
}
