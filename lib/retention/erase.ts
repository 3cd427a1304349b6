import type { Db } from "../conversation/transitions";
import { isVisitorUserId } from "../conversation/event-types";
import { dropRoomRows, dropVisitorRows, notesRoomOf, recordErasure, roomsOfVisitor } from "./erasure-rows";
import type { ErasureAdmin } from "./synapse-admin";

/** What erasure works with: our database and the Synapse admin API. */
export type ErasureDeps = { db: Db; admin: ErasureAdmin };

/**
 * Erases one room: purges it (and its agents-only notes room) from Synapse,
 * then drops our rows that name it (its counts stay in `conversation_stats`).
 * Synapse first: if a purge fails, our rows remain to say what to retry.
 * Idempotent.
 */
export async function eraseRoom(deps: ErasureDeps, roomId: string): Promise<void> {
  const notes = await notesRoomOf(deps.db, roomId);
  await deps.admin.purgeRoom(roomId);
  if (notes) await deps.admin.purgeRoom(notes);
  await dropRoomRows(deps.db, roomId);
}

/**
 * Deactivates and erases a visitor's account once nothing of theirs is left:
 * no conversation (of any status) or abandoned room in our database, and no
 * room they are still joined to on Synapse (a chat open right now). True when
 * erased.
 */
export async function eraseVisitorIfDone(deps: ErasureDeps, visitorUserId: string): Promise<boolean> {
  const left = await roomsOfVisitor(deps.db, visitorUserId);
  if (left.conversations.length > 0 || left.abandoned.length > 0) return false;
  if ((await deps.admin.joinedRooms(visitorUserId)).length > 0) return false;
  await deps.admin.deactivate(visitorUserId);
  await dropVisitorRows(deps.db, visitorUserId);
  return true;
}

/**
 * A GDPR request: erases everything of one visitor now, whatever the
 * retention: every conversation and abandoned room in our database and every
 * room they created and are still in on Synapse (a prepared room), then the
 * account, then the rows naming it; records who asked (no room, no message).
 * Idempotent: a second call finds nothing and erases nothing more.
 */
export async function eraseVisitor(deps: ErasureDeps, visitorUserId: string, erasedBy: string): Promise<{ conversations: number } | "not-a-visitor"> {
  // Agents' and operators' accounts are never erased through this path.
  if (!isVisitorUserId(visitorUserId)) return "not-a-visitor";
  const ours = await roomsOfVisitor(deps.db, visitorUserId);
  const joined = await deps.admin.joinedRooms(visitorUserId);
  const theirs: string[] = [];
  for (const roomId of joined) if (!ours.conversations.includes(roomId) && (await deps.admin.roomCreator(roomId)) === visitorUserId) theirs.push(roomId);
  for (const roomId of new Set([...ours.conversations, ...ours.abandoned, ...theirs])) await eraseRoom(deps, roomId);
  await deps.admin.deactivate(visitorUserId);
  await dropVisitorRows(deps.db, visitorUserId);
  await recordErasure(deps.db, visitorUserId, erasedBy, ours.conversations.length);
  return { conversations: ours.conversations.length };
}

/**
 * The visitor deletes their own conversation (from the widget): only a room
 * that is theirs (their conversation, or a room they created and are in).
 * Then their account too, when nothing else of theirs is left.
 */
export async function deleteOwnConversation(deps: ErasureDeps, visitorUserId: string, roomId: string): Promise<{ accountErased: boolean } | "not-yours"> {
  const ours = await roomsOfVisitor(deps.db, visitorUserId);
  const known = ours.conversations.includes(roomId) || ours.abandoned.includes(roomId);
  if (!known && !((await deps.admin.joinedRooms(visitorUserId)).includes(roomId) && (await deps.admin.roomCreator(roomId)) === visitorUserId))
    return "not-yours";
  await eraseRoom(deps, roomId);
  return { accountErased: await eraseVisitorIfDone(deps, visitorUserId) };
}
