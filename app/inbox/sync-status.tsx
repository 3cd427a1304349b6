"use client";

import type { MatrixClient } from "matrix-js-sdk";
import { useEffect, useState } from "react";

// matrix-js-sdk's ClientEvent.Sync and its SyncState values (the SDK is loaded on demand, so not imported here).
const SYNC_EVENT = "sync";
const BROKEN = new Set(["ERROR", "RECONNECTING"]);

/** Says so while the console has lost its connection to the homeserver (new messages wait until it is back). */
export function SyncStatus({ client }: { client: MatrixClient }) {
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const onSync = (state: string): void => setBroken(BROKEN.has(state));
    const emitter = client as unknown as { on(e: string, l: (s: string) => void): void; off(e: string, l: (s: string) => void): void };
    emitter.on(SYNC_EVENT, onSync);
    return () => emitter.off(SYNC_EVENT, onSync);
  }, [client]);
  if (!broken) return null;
  return (
    <p role="alert" className="warning sync-status">
      Connection to the server lost. Reconnecting… New messages will appear when it is back; replies you send wait until then.
    </p>
  );
}
