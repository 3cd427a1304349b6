"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { FormAlert } from "../../_console/form-alert";
import { needsSignature, offboard, type TrustView } from "./offboard-steps";

type Props = { userId: string; displayName: string; trust: TrustView; finished: boolean };

/**
 * "Offboard" on the agents page: a confirm dialog that says what offboarding
 * does and what it cannot undo, asks for the recovery key when the roster must
 * be signed without them, and runs (or finishes) the offboarding.
 */
export function OffboardDialog({ userId, displayName, trust, finished }: Props) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const sign = needsSignature(trust, userId);
  const titleId = `offboard-title-${userId}`;

  const submit = (e: FormEvent<HTMLFormElement>): void => {
    e.preventDefault();
    const recoveryKey = String(new FormData(e.currentTarget).get("recoveryKey") ?? "");
    setBusy(true);
    setError(null);
    offboard(trust, userId, recoveryKey)
      .then((r) => {
        setDone(`${displayName} is offboarded: ${r.rerouted} open conversation${r.rerouted === 1 ? "" : "s"} re-routed, account deactivated.`);
        dialog.current?.close();
        router.refresh();
      })
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(false));
  };

  if (finished) return done ? <p role="status">{done}</p> : null;
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        Offboard {displayName}
      </button>
      {done && <p role="status">{done}</p>}
      <dialog ref={dialog} aria-labelledby={titleId}>
        <form onSubmit={submit}>
          <h2 id={titleId}>Offboard {displayName}?</h2>
          <ul>
            <li>{sign ? "The roster is signed again without them, in this browser." : "They are not on a signed roster: nothing to sign."}</li>
            <li>They are removed from every open conversation (the visitor sees it) and their open conversations go back to the queue.</li>
            <li>Their devices are logged out and their account is deactivated. Their messages stay.</li>
          </ul>
          <p className="warning">What they already read cannot be taken back: messages their devices decrypted, and any copy they kept, stay with them.</p>
          {sign && (
            <label>
              Recovery key
              <input name="recoveryKey" required autoComplete="off" spellCheck={false} />
            </label>
          )}
          {busy && (
            <p role="status" aria-busy="true">
              Offboarding {displayName}…
            </p>
          )}
          <FormAlert error={error} />
          <button type="submit" disabled={busy}>
            Offboard
          </button>{" "}
          <button type="button" onClick={() => dialog.current?.close()} disabled={busy}>
            Cancel
          </button>
        </form>
      </dialog>
    </>
  );
}
