"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState } from "react";
import type { IdentityState, SecretStorageKeyHolder } from "../../../lib/matrix/secure-backup";
import { RecoveryKeyPanel } from "./recovery-key-panel";
import { VerifyDevicePanel } from "./verify-device-panel";

// One set-up per client, even if an effect runs twice (React strict mode): a second run would replace the key.
const setups = new WeakMap<MatrixClient, Promise<string>>();

type Props = { client: MatrixClient; identity: Exclude<IdentityState, "ready">; holder: SecretStorageKeyHolder; onDone: () => void };

/** First login: creates the secure backup and shows the recovery key. Another browser: verifies it. */
export function DeviceSetup({ client, identity, holder, onDone }: Props) {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (identity !== "needs-setup") return;
    let cancelled = false;
    let setup = setups.get(client);
    if (!setup) {
      setup = import("../../../lib/matrix/secure-backup").then(({ setUpSecureBackup }) => setUpSecureBackup(client, holder));
      setups.set(client, setup);
    }
    setup.then((key) => !cancelled && setRecoveryKey(key)).catch((err: Error) => !cancelled && setError(`Could not set up the secure backup: ${err.message}`));
    return () => {
      cancelled = true;
    };
  }, [client, identity, holder]);

  if (identity === "needs-verification") return <VerifyDevicePanel client={client} holder={holder} onVerified={onDone} />;
  if (error)
    return (
      <p role="alert" className="error">
        {error}
      </p>
    );
  if (!recoveryKey) return <p role="status">Setting up your encryption and secure backup…</p>;
  const onPassphrase = async (passphrase: string): Promise<void> => {
    const { switchToPassphrase } = await import("../../../lib/matrix/secure-backup");
    await switchToPassphrase(client, holder, passphrase);
  };
  return <RecoveryKeyPanel recoveryKey={recoveryKey} onSaved={onDone} onPassphrase={onPassphrase} />;
}
