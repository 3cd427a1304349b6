import type { Page } from "@playwright/test";

// The console's persistent sync store (lib/matrix/sync-store.ts: matrix-js-sdk prefixes the name).
export const SYNC_STORE_PREFIX = "matrix-js-sdk:sealdesk-console-sync:";

/** The sync token the console stored in this browser, or null. */
export function storedSyncToken(page: Page): Promise<string | null> {
  return page.evaluate(async (prefix) => {
    const name = (await indexedDB.databases()).find((d) => d.name?.startsWith(prefix))?.name;
    if (!name) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    try {
      if (!db.objectStoreNames.contains("sync")) return null;
      return await new Promise<string | null>((resolve, reject) => {
        const req = db.transaction("sync").objectStore("sync").get(["-"]);
        req.onsuccess = () => resolve((req.result as { nextBatch?: string } | undefined)?.nextBatch ?? null);
        req.onerror = () => reject(req.error);
      });
    } finally {
      db.close();
    }
  }, SYNC_STORE_PREFIX);
}

/** Deletes the console's stored sync in this browser (the console must be closed: an open store blocks it). */
export function deleteStoredSync(page: Page): Promise<void> {
  return page.evaluate(async (prefix) => {
    for (const d of await indexedDB.databases())
      if (d.name?.startsWith(prefix))
        await new Promise((resolve, reject) => {
          const req = indexedDB.deleteDatabase(d.name!);
          req.onsuccess = resolve;
          req.onerror = () => reject(req.error);
          req.onblocked = () => reject(new Error("the sync store is still open"));
        });
  }, SYNC_STORE_PREFIX);
}
