import type { MatrixClient } from "matrix-js-sdk";
import { PendingEventOrdering } from "matrix-js-sdk";
import { DeviceNeedsVerificationError, startEncryptedClient } from "../../lib/matrix/start-encrypted-client";
import { cryptoStoreExists, forgetVisitor, loadVisitor, provisionVisitor, saveVisitor, type StoredVisitor } from "./visitor-session";

/**
 * Starts the site's visitor in this browser: the same account, device and
 * crypto store as last time when both the session (localStorage) and the
 * crypto store (IndexedDB) survived; a clean new visitor when either is gone
 * (an account without its keys could not read its history, nor a store
 * without its account), or when the store turns out not to match.
 */
export async function startVisitor(
  siteId: string,
  hostOrigin: string,
  wasmUrl: string,
  onProgress: (step: string) => void,
): Promise<{ client: MatrixClient; visitor: StoredVisitor }> {
  let visitor = loadVisitor(siteId);
  if (!visitor || !(await cryptoStoreExists(siteId, visitor.deviceId))) {
    await forgetVisitor(siteId);
    visitor = null;
  }
  for (let attempt = 0; ; attempt++) {
    visitor ??= await provisionVisitor(siteId, hostOrigin);
    saveVisitor(siteId, visitor);
    try {
      const client = await startEncryptedClient({
        baseUrl: visitor.homeserverUrl,
        userId: visitor.userId,
        deviceId: visitor.deviceId,
        accessToken: visitor.accessToken,
        wasmUrl,
        cryptoDatabasePrefix: cryptoStorePrefixFor(siteId, visitor.deviceId),
        onProgress,
        // Local echoes stay out of the timeline: the outbox shows and resends them.
        pendingEventOrdering: PendingEventOrdering.Detached,
      });
      return { client, visitor };
    } catch (err) {
      // The store holds another identity than the server knows (e.g. restored from elsewhere).
      if (attempt > 0 || !(err instanceof DeviceNeedsVerificationError)) throw err;
      await forgetVisitor(siteId);
      visitor = null;
    }
  }
}

/** One store per device: a new visitor never reopens (or waits on) an old visitor's store. */
export function cryptoStorePrefixFor(siteId: string, deviceId: string): string {
  return `sealdesk-visitor-${siteId}/${deviceId}`;
}
