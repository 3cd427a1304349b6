/** What happened in one room, as the console's Matrix store sees it. */
export type RoomChangeKind = "added" | "membership" | "timeline" | "local-echo" | "state" | "decrypted" | "receipt" | "typing";

/** A change in one room, and what the room is to the console. */
export type RoomChange = {
  kind: RoomChangeKind;
  roomId: string;
  /** The room is the internal-notes room of this conversation. */
  notesOf: string | null;
  /** The room carries no conversation marker (yet): a notes room before its state arrives, or an unrelated room. */
  unmarked: boolean;
};

/** The snapshot keys of the console store. */
export const concernKey = {
  list: "list",
  room: (roomId: string) => `room:${roomId}`,
  typing: (roomId: string) => `typing:${roomId}`,
  notes: (conversationRoomId: string) => `notes:${conversationRoomId}`,
  anyNotes: "notes:*",
} as const;

/**
 * Which snapshots a room change touches. Typing touches only that room's
 * typing line; a receipt only the list's unread counts; a notes room only its
 * conversation's notes; any other change the list and that room's view. A room
 * without a marker may be a notes room whose state has not arrived: every
 * notes panel looks again.
 */
export function roomChangeConcerns(change: RoomChange): string[] {
  const { kind, roomId, notesOf, unmarked } = change;
  if (kind === "typing") return [concernKey.typing(roomId)];
  if (notesOf !== null) return kind === "receipt" ? [] : [concernKey.notes(notesOf)];
  if (kind === "receipt") return [concernKey.list];
  return unmarked ? [concernKey.list, concernKey.room(roomId), concernKey.anyNotes] : [concernKey.list, concernKey.room(roomId)];
}
