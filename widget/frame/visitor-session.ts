import { requestVisitorSession, type EarlyAccount } from "../../lib/widget-protocol/request-visitor-session";
import { solveInWorker } from "./solve-in-worker";
import { visitorSessionResponseSchema, type VisitorSession } from "../../lib/widget-protocol/visitor-session-response";
import { customerProfileSchema, type CustomerProfile } from "../../lib/widget-protocol/customer-session-response";

/**
 * What the iframe keeps for one site in this browser (partitioned by the host
 * site): the session, the current conversation's room, and the room prepared
 * for the next conversation (created when the chat opened, nobody invited yet).
 */
export type StoredVisitor = VisitorSession & { roomId?: string; preparedRoomId?: string; customer?: CustomerProfile };

const key = (siteId: string): string => `sealdesk:visitor:${siteId}`;

// IndexedDB names of a site's crypto stores start with this (then the device id, see start-visitor.ts).
const storePrefix = (siteId: string): string => `sealdesk-visitor-${siteId}/`;

// The IndexedDB databases of this origin; none when the browser refuses IndexedDB to this frame.
async function databases(): Promise<IDBDatabaseInfo[]> {
  try {
    return await indexedDB.databases();
  } catch {
    return [];
  }
}

export function loadVisitor(siteId: string): StoredVisitor | null {
  try {
    const raw = localStorage.getItem(key(siteId));
    if (!raw) return null;
    const parsed = visitorSessionResponseSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const { roomId, preparedRoomId, customer } = JSON.parse(raw) as { roomId?: unknown; preparedRoomId?: unknown; customer?: unknown };
    const profile = customerProfileSchema.safeParse(customer);
    return {
      ...parsed.data,
      roomId: typeof roomId === "string" ? roomId : undefined,
      preparedRoomId: typeof preparedRoomId === "string" ? preparedRoomId : undefined,
      customer: profile.success ? profile.data : undefined,
    };
  } catch {
    return null;
  }
}

export function saveVisitor(siteId: string, v: StoredVisitor): void {
  localStorage.setItem(key(siteId), JSON.stringify(v));
}

/** True when this browser still has the device's crypto store (the keys to the visitor's history). */
export async function cryptoStoreExists(siteId: string, deviceId: string): Promise<boolean> {
  const dbs = await databases();
  return dbs.some((d) => d.name?.startsWith(`${storePrefix(siteId)}${deviceId}::`));
}

/**
 * Forgets the visitor of a site in this browser: session and crypto store.
 * Used when one survived without the other (storage partly cleared): the
 * account cannot be used without its keys, so a clean new visitor starts.
 */
export async function forgetVisitor(siteId: string): Promise<void> {
  localStorage.removeItem(key(siteId));
  await deleteStores(storePrefix(siteId));
}

/** Deletes one device's crypto store (one opened early for an account that turned out otherwise). */
export function deleteCryptoStore(siteId: string, deviceId: string): Promise<void> {
  return deleteStores(`${storePrefix(siteId)}${deviceId}::`);
}

// Deletes the databases whose names start with `prefix` (a deletion blocked by an open connection completes once it closes).
async function deleteStores(prefix: string): Promise<void> {
  const dbs = await databases();
  await Promise.all(
    dbs
      .filter((d) => d.name?.startsWith(prefix))
      .map(
        (d) =>
          new Promise<void>((resolve) => {
            const req = indexedDB.deleteDatabase(d.name!);
            req.onsuccess = req.onerror = req.onblocked = () => resolve();
          }),
      ),
  );
}

/**
 * Asks our API for a new visitor account (after a small proof of work, solved
 * while the frame's code loaded when the page started it: widget/early-work.ts);
 * the token comes back once and stays in this browser.
 */
export async function provisionVisitor(siteId: string, hostOrigin: string, deviceId?: string): Promise<StoredVisitor> {
  const work = window.sealdeskEarlyWork;
  window.sealdeskEarlyWork = undefined; // one use: a later new visitor solves a fresh challenge
  performance.mark("sealdesk:provision:start"); // read by bench/widget-budget.ts
  const session = await requestVisitorSession({ appUrl: "", siteId, hostOrigin, solve: solveInWorker, work, deviceId });
  performance.mark("sealdesk:provision:end");
  return session;
}

/**
 * The account the page's early challenge will make, with a device id chosen here, while that
 * challenge is unspent (else undefined: the account is not known before it exists). One use.
 */
export function earlyAccount(): (EarlyAccount & { deviceId: string }) | undefined {
  const account = window.sealdeskEarlyWork ? window.sealdeskEarlyAccount : undefined;
  window.sealdeskEarlyAccount = undefined;
  return account && { ...account, deviceId: newDeviceId() };
}

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** A random device id in Synapse's own shape (10 capital letters, ~47 bits), each letter equally likely. */
export function newDeviceId(): string {
  let id = "";
  while (id.length < 10) {
    // 234 = 9 * 26: a byte above it is drawn again, so that no letter is likelier than another.
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < 234 && id.length < 10) id += LETTERS[b % 26];
  }
  return id;
}

/** The visitor this browser will resume for the site (session and crypto store both there), or null. */
export async function resumableVisitor(siteId: string): Promise<StoredVisitor | null> {
  const v = loadVisitor(siteId);
  return v && (await cryptoStoreExists(siteId, v.deviceId)) ? v : null;
}
