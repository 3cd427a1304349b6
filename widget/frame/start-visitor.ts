import type { MatrixClient } from "matrix-js-sdk";
import { PendingEventOrdering } from "matrix-js-sdk";
import { DeviceNeedsVerificationError, startEncryptedClient } from "../../lib/matrix/start-encrypted-client";
import { storedVisitorFate } from "./customer-choice";
import { CustomerRefusedError, provisionCustomer } from "./customer-session";
import { storageIsPageOnly } from "./page-storage";
import { earlyStartFits, openCryptoEarly, type EarlyCryptoStart } from "../../lib/matrix/early-crypto-start";
import {
  cryptoStoreExists,
  deleteCryptoStore,
  earlyAccount,
  forgetVisitor,
  loadVisitor,
  provisionVisitor,
  saveVisitor,
  type StoredVisitor,
} from "./visitor-session";

/** A logged-in customer's token from the host page, and what to do when the app refuses it. */
export type CustomerLogin = {
  token?: string;
  onRefused(err: CustomerRefusedError): void;
  /** Set when the app gave this browser a new device on an existing account (see ensureCustomerIdentity). */
  resetPassword?: string;
  /** A new device of a customer: unlock the passkey backup, if any (true: the same identity now signs this device). */
  unlock?(client: MatrixClient): Promise<boolean>;
  /** A new anonymous visitor's account exists (its client not started yet): what can run beside the start, starts. */
  onNewVisitor?(visitor: StoredVisitor): void;
};

/**
 * Starts the site's visitor in this browser: the same account, device and
 * crypto store as last time when both the session (localStorage) and the
 * crypto store (IndexedDB) survived; a clean new visitor when either is gone
 * (an account without its keys could not read its history, nor a store
 * without its account), or when the store turns out not to match. With a
 * customer token the visitor is that customer (see {@link chooseVisitor}).
 * Where the frame has no storage (see chooseStorage) every page load is a new
 * visitor whose keys are in memory.
 */
export async function startVisitor(
  siteId: string,
  hostOrigin: string,
  wasmUrl: string,
  onProgress: (step: string) => void,
  login: CustomerLogin = { onRefused: () => {} },
): Promise<{ client: MatrixClient; visitor: StoredVisitor }> {
  let visitor = loadVisitor(siteId);
  if (!visitor || !(await cryptoStoreExists(siteId, visitor.deviceId))) {
    await forgetVisitor(siteId);
    visitor = null;
  }
  for (let attempt = 0; ; attempt++) {
    const chosen = await chooseVisitor(siteId, hostOrigin, visitor, login);
    // A new visitor whose account the page named ahead: its device's crypto store opens while the account is made.
    const early = chosen ? undefined : openEarly(siteId, wasmUrl);
    visitor = chosen ?? (await provisionNew(siteId, hostOrigin, early));
    saveVisitor(siteId, visitor);
    if (!chosen) login.onNewVisitor?.(visitor); // the room is prepared while the crypto starts
    try {
      const client = await startEncryptedClient({
        ...cryptoOptions(siteId, visitor, wasmUrl),
        accessToken: visitor.accessToken,
        early: early && (await fitOrDrop(early, siteId, visitor)),
        onProgress,
        // Local echoes stay out of the timeline: the outbox shows and resends them.
        pendingEventOrdering: PendingEventOrdering.Detached,
        // A customer's device on another browser makes the account's identity anew (below); a
        // visitor account made just now for this browser makes its identity before its first sync.
        identity: visitor.customer ? "caller" : chosen ? "bootstrap" : "new",
      });
      if (visitor.customer) await ensureCustomerIdentity(client, onProgress, login.resetPassword, login.unlock);
      login.resetPassword = undefined; // used (or not needed): not kept
      return { client, visitor };
    } catch (err) {
      // The store holds another identity than the server knows (e.g. restored from elsewhere).
      if (attempt > 0 || !(err instanceof DeviceNeedsVerificationError)) throw err;
      await forgetVisitor(siteId);
      visitor = null;
    }
  }
}

/**
 * Who the visitor is, given the host page's token: the stored customer when the
 * token names the same user (a page load resumes, the token stays unspent); else
 * the customer the app verifies (a new device; this browser's earlier visitor is
 * forgotten). A refused token is reported and the visitor is anonymous: the stored
 * anonymous visitor, or none (null: a new one). Without a token a stored customer
 * is forgotten too (logged out: the next person at this browser must not see
 * their chats).
 */
async function chooseVisitor(siteId: string, hostOrigin: string, stored: StoredVisitor | null, login: CustomerLogin): Promise<StoredVisitor | null> {
  const fate = storedVisitorFate(stored, login.token);
  if (fate === "forget") await forgetVisitor(siteId);
  if (fate !== "replace" || !login.token) return fate === "resume" ? stored : null;
  try {
    const { visitor, resetPassword } = await provisionCustomer(siteId, hostOrigin, login.token);
    await forgetVisitor(siteId);
    login.resetPassword = resetPassword;
    return visitor;
  } catch (err) {
    login.onRefused(err instanceof CustomerRefusedError ? err : new CustomerRefusedError(0, "unreachable", (err as Error).message));
    return stored?.customer ? (await forgetVisitor(siteId), null) : stored;
  } finally {
    login.token = undefined; // spent (or refused): a retry below does not send it again
  }
}

/**
 * A customer's device needs the account's cross-signing identity. This browser
 * made it, or gets it now: from the customer's passkey backup when the account
 * has one and the visitor unlocks it (the same identity: nothing changes for
 * agents); else on a first use (no auth needed, MSC3967), or on a new device of
 * an existing account, by replacing the identity with the password the app gave
 * it once (Synapse's UIA; the earlier browser's device is then no longer signed,
 * see docs/security.md). If the replacement is refused, the device is treated
 * as unverifiable and the caller starts over.
 */
async function ensureCustomerIdentity(
  client: MatrixClient,
  onProgress: (step: string) => void,
  password?: string,
  unlock?: CustomerLogin["unlock"],
): Promise<void> {
  const crypto = client.getCrypto()!;
  if (await crypto.isCrossSigningReady()) return;
  if (unlock && (await unlock(client))) return;
  onProgress("Creating your encryption identity");
  const auth = password ? { type: "m.login.password", identifier: { type: "m.id.user", user: client.getSafeUserId() }, password } : null;
  try {
    await crypto.bootstrapCrossSigning({ setupNewCrossSigning: true, authUploadDeviceSigningKeys: (makeRequest) => makeRequest(auth).then(() => {}) });
  } catch {
    client.stopClient();
    throw new DeviceNeedsVerificationError();
  }
}

/** What the early start and the start share: the device and its store (the early start's are the client's own). */
function cryptoOptions(siteId: string, v: { homeserverUrl: string; userId: string; deviceId: string }, wasmUrl: string) {
  return {
    baseUrl: v.homeserverUrl,
    userId: v.userId,
    deviceId: v.deviceId,
    wasmUrl,
    cryptoDatabasePrefix: cryptoStorePrefixFor(siteId, v.deviceId),
    // No storage for this frame (a cross-site embed): the keys live as long as the page.
    persistCrypto: !storageIsPageOnly(),
    // Each phase of the crypto start, for the cold open's timeline (bench/widget-budget.ts).
    onMark: (phase: string) => performance.mark(`sealdesk:crypto:${phase}`),
    // Filled in by passkey-backup.ts (a lazy chunk) with the passkey-derived secret storage key, in memory only.
    cryptoCallbacks: {},
  };
}

/** The crypto store of the account the page named ahead, opening now (none when the page named none). */
function openEarly(siteId: string, wasmUrl: string): EarlyCryptoStart | undefined {
  const account = earlyAccount();
  return account && openCryptoEarly(cryptoOptions(siteId, account, wasmUrl));
}

/**
 * Makes the new visitor's account (the device the early start opened its store for, if any). When
 * that fails, no account will ever own that store: the early client stops and its store is deleted.
 */
async function provisionNew(siteId: string, hostOrigin: string, early: EarlyCryptoStart | undefined): Promise<StoredVisitor> {
  try {
    return await provisionVisitor(siteId, hostOrigin, early?.deviceId);
  } catch (err) {
    if (early) await dropEarly(early, siteId);
    throw err;
  }
}

/** Stops an early start that will not be used and deletes its store (closed first, so the deletion is not blocked). */
async function dropEarly(early: EarlyCryptoStart, siteId: string): Promise<void> {
  await early.discard();
  await deleteCryptoStore(siteId, early.deviceId);
}

/**
 * The early start when the homeserver made exactly the account and device it was opened for;
 * else (a fresh challenge named another user, or the server chose the device) it is closed and
 * its store deleted before the start opens the right one (the two may share a name).
 */
async function fitOrDrop(early: EarlyCryptoStart, siteId: string, v: StoredVisitor): Promise<EarlyCryptoStart | undefined> {
  if (earlyStartFits(early, { baseUrl: v.homeserverUrl, userId: v.userId, deviceId: v.deviceId })) return early;
  await dropEarly(early, siteId);
  return undefined;
}

/** One store per device: a new visitor never reopens (or waits on) an old visitor's store. */
export function cryptoStorePrefixFor(siteId: string, deviceId: string): string {
  return `sealdesk-visitor-${siteId}/${deviceId}`;
}
