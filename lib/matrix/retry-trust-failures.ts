import { MatrixEventEvent, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";

/**
 * Decryption failures that are the receiving device's verdict on the sender's
 * device (OnlySignedDevicesIsolationMode, MSC4153), not a missing key. They
 * are also what a late joiner or a returning visitor gets when it decrypts an
 * event before its own `/keys/query` of the sender has come back: the device
 * is not known yet, or known from the to-device message but its owner's
 * cross-signing identity is not.
 */
export const TRUST_FAILURES: ReadonlySet<string> = new Set(["UNKNOWN_SENDER_DEVICE", "UNSIGNED_SENDER_DEVICE"]);

/** Whether a decryption failure may go away once the crypto layer knows the sender's devices and identity. */
export function isTrustFailure(ev: MatrixEvent): boolean {
  return ev.isDecryptionFailure() && TRUST_FAILURES.has(ev.decryptionFailureReason ?? "");
}

/**
 * Decrypts these events again, with what the crypto layer knows now. Needed
 * because matrix-js-sdk never retries a trust failure by itself (it drops the
 * event from its pending list), and `decryptEventIfNeeded` skips an event that
 * already failed. The Rust crypto recomputes the session's sender data from
 * the now-known device at each attempt, and still refuses a device its owner
 * has not cross-signed.
 */
export async function retryDecryption(client: MatrixClient, events: readonly MatrixEvent[]): Promise<void> {
  const crypto = client.getCrypto() as Parameters<MatrixEvent["attemptDecryption"]>[0] | undefined;
  if (!crypto) return;
  await Promise.all(events.filter(isTrustFailure).map((e) => e.attemptDecryption(crypto, { isRetry: true }).catch(() => {})));
}

/**
 * Retries every event that failed with a {@link TRUST_FAILURES} code as soon as
 * the crypto layer learns new devices or a new identity of its sender (the
 * answer to the `/keys/query` that was still in flight when it failed).
 * Returns a function that stops listening.
 */
export function retryTrustFailuresOnKeyUpdates(client: MatrixClient): () => void {
  const failed = new Map<string, Set<MatrixEvent>>();
  const onDecrypted = (ev: MatrixEvent): void => {
    const sender = ev.getSender();
    if (!sender) return;
    if (isTrustFailure(ev)) {
      const set = failed.get(sender) ?? new Set<MatrixEvent>();
      failed.set(sender, set.add(ev));
    } else {
      failed.get(sender)?.delete(ev);
    }
  };
  const onKeys = (userIds: string[]): void => {
    for (const userId of userIds) {
      const events = [...(failed.get(userId) ?? [])];
      failed.delete(userId);
      if (events.length) void retryDecryption(client, events);
    }
  };
  const onDevices = (userIds: string[]): void => onKeys(userIds);
  const onIdentity = (userId: string): void => onKeys([userId]);
  client.on(MatrixEventEvent.Decrypted, onDecrypted);
  client.on(CryptoEvent.DevicesUpdated, onDevices);
  client.on(CryptoEvent.UserTrustStatusChanged, onIdentity);
  return () => {
    client.off(MatrixEventEvent.Decrypted, onDecrypted);
    client.off(CryptoEvent.DevicesUpdated, onDevices);
    client.off(CryptoEvent.UserTrustStatusChanged, onIdentity);
  };
}
