import type { MatrixClient } from "matrix-js-sdk";
import { acknowledgeErasedRooms, fetchErasedRooms } from "../_console/console-api";

/** How often a running console asks for newly erased rooms (a console that was off does it at its next start). */
const SHRED_EVERY_MS = 5 * 60_000;

type ShredClient = Pick<MatrixClient, "deleteKeysFromBackup" | "getCrypto" | "forget" | "getRoom" | "store">;

/**
 * Deletes one erased room's keys as far as this console can: every session of
 * the room from the server-side key backup (shared by all the agent's devices,
 * so one deletion covers them), its outbound session, and the room with its
 * decrypted timeline from the client. The crypto store offers no per-room
 * deletion of inbound sessions (docs/known-limits.md).
 */
async function shredRoom(client: ShredClient, roomId: string, backupVersion: string | null): Promise<void> {
  if (backupVersion) await client.deleteKeysFromBackup(roomId, undefined, backupVersion);
  await client.getCrypto()?.forceDiscardSession(roomId);
  // The room is purged: forget usually fails on the server, so the local copy is dropped either way.
  if (client.getRoom(roomId)) await client.forget(roomId, true).catch(() => client.store.removeRoom(roomId));
}

/**
 * One pass: the rooms erased since this agent's consoles last acknowledged,
 * shredded, then acknowledged (only those that succeeded; the rest are tried
 * again next pass). Answers how many were shredded.
 */
export async function shredErasedRooms(client: ShredClient, log: (m: string) => void = console.warn): Promise<number> {
  const roomIds = await fetchErasedRooms();
  if (roomIds.length === 0) return 0;
  const backupVersion = (await client.getCrypto()?.getKeyBackupInfo())?.version ?? null;
  const done: string[] = [];
  for (const roomId of roomIds) {
    try {
      await shredRoom(client, roomId, backupVersion);
      done.push(roomId);
    } catch (e) {
      log(`Could not delete the keys of erased room ${roomId}: ${(e as Error).message}`);
    }
  }
  if (done.length > 0) await acknowledgeErasedRooms(done);
  return done.length;
}

/** Shreds erased rooms now (this start) and every few minutes while the console runs; returns the stop function. */
export function followErasures(client: ShredClient, onShredded: () => void): () => void {
  let running = false;
  const pass = (): void => {
    if (running) return;
    running = true;
    shredErasedRooms(client)
      .then((n) => n > 0 && onShredded())
      .catch((e: Error) => console.warn(`Erased rooms: ${e.message}`))
      .finally(() => (running = false));
  };
  pass();
  const timer = setInterval(pass, SHRED_EVERY_MS);
  return () => clearInterval(timer);
}
