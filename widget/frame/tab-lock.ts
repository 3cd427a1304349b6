/** This tab holds the lock until it closes or another tab takes it; `lost` resolves then. */
export type TabLock = { lost: Promise<void> };

/**
 * One tab per site runs the Matrix client: two clients on one crypto store
 * would wedge Olm sessions. "try" returns null if another tab holds the lock;
 * "wait" resolves when it is released (that tab closed); "steal" takes it
 * (the other tab's `lost` resolves and it stops its client).
 */
export function requestTabLock(name: string, mode: "try" | "wait" | "steal", signal?: AbortSignal): Promise<TabLock | null> {
  if (!("locks" in navigator)) return Promise.resolve({ lost: new Promise(() => {}) });
  return new Promise((resolve, reject) => {
    let markLost: () => void = () => {};
    const lost = new Promise<void>((r) => (markLost = r));
    const options: LockOptions = mode === "try" ? { ifAvailable: true } : mode === "steal" ? { steal: true } : { signal };
    navigator.locks
      .request(name, options, (lock) => {
        if (!lock) return resolve(null);
        resolve({ lost });
        return new Promise<void>(() => {}); // held for the life of this document
      })
      .then(markLost, (err: unknown) => {
        markLost(); // AbortError: another tab stole the lock, or our wait was cancelled
        reject(err instanceof Error ? err : new Error(String(err)));
      });
  });
}
