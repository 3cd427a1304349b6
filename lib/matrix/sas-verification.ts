import {
  VerificationPhase,
  VerificationRequestEvent,
  VerifierEvent,
  type EmojiMapping,
  type ShowSasCallbacks,
  type VerificationRequest,
  type Verifier,
} from "matrix-js-sdk/lib/crypto-api";

/** What the user compares and answers during an emoji (SAS) verification. */
export type SasPrompt = {
  /** The seven emoji (with their names) both devices must show identically. */
  emoji: EmojiMapping[];
  /** The user saw the same emoji on both devices. */
  confirm(): Promise<void>;
  /** The emoji differ: cancels the verification as a mismatch. */
  mismatch(): void;
};

/**
 * Runs an emoji (SAS, `m.sas.v1`) verification on either side of `request`
 * until it is done: the side that sent the request waits for the other to
 * accept and starts SAS; the receiving side accepts and waits for the start.
 * `onSas` is called once the emoji are ready to compare. Rejects if either
 * side cancels or the emoji do not match.
 */
export async function runSasVerification(request: VerificationRequest, onSas: (prompt: SasPrompt) => void): Promise<void> {
  let verifier: Verifier;
  if (request.initiatedByMe) {
    await phaseReached(request, () => request.phase === VerificationPhase.Ready || request.phase === VerificationPhase.Started);
    verifier = request.verifier ?? (await request.startVerification("m.sas.v1"));
  } else {
    if (request.phase === VerificationPhase.Requested) await request.accept();
    await phaseReached(request, () => request.verifier !== undefined);
    verifier = request.verifier!;
  }
  let shown = false;
  const show = (sas: ShowSasCallbacks): void => {
    if (shown) return;
    shown = true;
    onSas({ emoji: sas.sas.emoji ?? [], confirm: () => sas.confirm(), mismatch: () => sas.mismatch() });
  };
  verifier.on(VerifierEvent.ShowSas, show);
  const done = verifier.verify();
  const already = verifier.getShowSasCallbacks();
  if (already) show(already);
  await done;
}

function phaseReached(request: VerificationRequest, reached: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (reached()) {
        request.off(VerificationRequestEvent.Change, check);
        resolve();
      } else if (request.phase === VerificationPhase.Cancelled) {
        request.off(VerificationRequestEvent.Change, check);
        reject(new Error("The verification was cancelled."));
      }
    };
    request.on(VerificationRequestEvent.Change, check);
    check();
  });
}
