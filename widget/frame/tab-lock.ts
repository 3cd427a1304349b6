/** This tab holds the lock until it closes or hands it over; `lost` resolves then. */
export type TabLock = {
  lost: Promise<void>;
  /** Runs before the lock is handed to another tab (stop the client first). */
  beforeRelease(stop: () => Promise<void>): void;
};

const RELEASE = "release";

/** A lock nobody else shares (no Web Locks, or no store to share: see page-storage.ts): never lost. */
export const unsharedLock = (): TabLock => ({ lost: new Promise(() => {}), beforeRelease: () => {} });

/**
 * One tab per site runs the Matrix client: two clients on one crypto store
 * would wedge Olm sessions. "try" returns null if another tab holds the lock;
 * "wait" resolves when it is released (that tab closed or handed over); "steal"
 * takes it by force (only for a holder that does not answer
 * {@link askHolderToRelease}).
 */
export function requestTabLock(name: string, mode: "try" | "wait" | "steal", signal?: AbortSignal): Promise<TabLock | null> {
  if (!("locks" in navigator)) return Promise.resolve(unsharedLock());
  return new Promise((resolve, reject) => {
    let markLost: () => void = () => {};
    const lost = new Promise<void>((r) => (markLost = r));
    let stop: () => Promise<void> = async () => {};
    const options: LockOptions = mode === "try" ? { ifAvailable: true } : mode === "steal" ? { steal: true } : { signal };
    navigator.locks
      .request(name, options, (lock) => {
        if (!lock) return resolve(null);
        resolve({ lost, beforeRelease: (fn) => void (stop = fn) });
        // Held until another tab asks for it, once our client has stopped.
        return new Promise<void>((release) => {
          const channel = new BroadcastChannel(name);
          channel.onmessage = (e: MessageEvent) => {
            if (e.data !== RELEASE) return;
            channel.close();
            void stop().finally(() => {
              markLost();
              release();
            });
          };
        });
      })
      .then(markLost, (err: unknown) => {
        markLost(); // AbortError: another tab stole the lock, or our wait was cancelled
        reject(err instanceof Error ? err : new Error(String(err)));
      });
  });
}

/** Asks the tab that holds the lock to stop its client and hand the lock over. */
export function askHolderToRelease(name: string): void {
  const channel = new BroadcastChannel(name);
  channel.postMessage(RELEASE);
  channel.close();
}
