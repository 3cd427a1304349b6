/** A Web Storage that lives in this page's memory only (a Map). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

let pageOnly = false;

/**
 * Whether this frame may keep anything past the page. A cross-site frame in a
 * browser that blocks third-party storage (Chromium's TrackingProtection3pcd)
 * gets "Access is denied" from localStorage, sessionStorage, IndexedDB and Web
 * Locks alike. Then the chat runs for this page only: Web Storage becomes a Map
 * in memory (the session, the outbox, the flags: every reader stays as it is),
 * and the crypto store is in memory too (see {@link storageIsPageOnly}). Call once,
 * before anything reads storage. (`document.hasStorageAccess()` is not asked: it is
 * false too in a cross-site frame whose partitioned storage works.)
 */
export async function chooseStorage(): Promise<void> {
  try {
    localStorage.getItem("sealdesk:probe");
    sessionStorage.getItem("sealdesk:probe");
    await indexedDB.databases();
  } catch {
    pageOnly = true;
    // Shadows the window's throwing getters (matrix-js-sdk's memory store reads localStorage too).
    for (const name of ["localStorage", "sessionStorage"]) Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
  }
}

/** True when {@link chooseStorage} found no storage: nothing outlives this page. */
export function storageIsPageOnly(): boolean {
  return pageOnly;
}
