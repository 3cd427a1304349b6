"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SecretStorageKeyHolder } from "../../lib/matrix/secure-backup";
import { startConsoleSession, type MatrixState } from "./console-session";

export type { MatrixState } from "./console-session";

/**
 * Starts the agent's encrypted Matrix client in this browser (see
 * startConsoleSession). Components read its rooms through the ready state's
 * store, each only the snapshots it shows (use-matrix-store.ts).
 */
export function useMatrixClient(userId: string, wasmUrl: string): { state: MatrixState; deviceReady: () => void; holder: SecretStorageKeyHolder } {
  const [state, setState] = useState<MatrixState>({ phase: "loading", step: "Starting" });
  const setupDone = useRef<() => void>(() => {});
  const deviceReady = useCallback(() => setupDone.current(), []);
  // The recovery key, decoded, only in memory while this page lives (the first sign-in's set-up steps reuse it).
  const [holder] = useState<SecretStorageKeyHolder>(() => ({ key: null }));

  useEffect(
    () =>
      startConsoleSession({
        userId,
        wasmUrl,
        holder,
        show: setState,
        onSetupDone: (done) => {
          setupDone.current = done;
        },
      }),
    [userId, wasmUrl, holder],
  );

  return { state, deviceReady, holder };
}
