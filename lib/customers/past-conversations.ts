// The widget's "Your conversations" list, as pure decisions over what the visitor's client
// synced (no SDK types here: widget/frame/past-conversations.ts reads the rooms and renders).

/** One message of a room as the list reads it: `body` null when it is not readable on this device (no key yet). */
export type PastMessage = { ts: number; mine: boolean; body: string | null; prechat: boolean };

/** What the list needs of one room the visitor's client knows. */
export type PastRoom = {
  roomId: string;
  /** The visitor's own membership (`join`, `leave`, `invite`…). */
  membership: string | undefined;
  /** The room carries our conversation marker (it is a support conversation, not any room). */
  isConversation: boolean;
  /** The routing state's status, or null when the router never routed it (a prepared, unused room). */
  routingStatus: string | null;
  /** When the room was created, if its create event is known. */
  createdAt: number | null;
  /** Messages and encrypted events, in timeline order. */
  messages: PastMessage[];
};

/** One of the visitor's conversations as the list shows it: decrypted here, in the browser. */
export type PastConversation = {
  roomId: string;
  startedAt: number;
  /** The first line of the visitor's first message; null when not readable on this device. */
  firstLine: string | null;
  closed: boolean;
};

/**
 * The visitor's conversations, newest first: the rooms they are still in that
 * carry our marker and were started (a message, or a routing state: an earlier
 * conversation whose messages this device cannot read, or whose messages are
 * beyond the synced timeline, is listed as not readable rather than dropped).
 * A prepared room never used (no message, never routed) is no conversation.
 */
export function pastConversationsOf(rooms: readonly PastRoom[]): PastConversation[] {
  return rooms
    .filter((r) => r.membership === "join" && r.isConversation && (r.messages.length > 0 || r.routingStatus !== null))
    .map((r) => {
      // A pre-chat or verified customer's details notice is not the conversation's first line.
      const first = r.messages.find((m) => !m.prechat);
      const body = first?.body ?? null;
      return {
        roomId: r.roomId,
        startedAt: r.createdAt ?? first?.ts ?? r.messages[0]?.ts ?? 0,
        firstLine: body === null ? null : (body.split("\n")[0] ?? ""),
        closed: r.routingStatus === "closed",
      };
    })
    .sort((a, b) => b.startedAt - a.startedAt || a.roomId.localeCompare(b.roomId));
}

/** What the list's panel shows: nothing (closed), the list (or that it is empty), or one conversation's messages. */
export type PastPanel =
  | { kind: "hidden" }
  | { kind: "empty" }
  | { kind: "list"; conversations: PastConversation[] }
  | { kind: "reading"; roomId: string; lines: { mine: boolean; body: string | null }[] };

/**
 * The panel for the current state. Redrawn on every change the client reports
 * (a room arriving, a membership, a message, a decryption), so a room synced
 * after the list was opened appears. A conversation being read that is no longer
 * listed (deleted, left) goes back to the list.
 */
export function pastPanel(state: { open: boolean; reading: string | null }, rooms: readonly PastRoom[]): PastPanel {
  if (!state.open) return { kind: "hidden" };
  const conversations = pastConversationsOf(rooms);
  const reading = state.reading ? rooms.find((r) => r.roomId === state.reading) : undefined;
  if (reading && conversations.some((c) => c.roomId === reading.roomId))
    return { kind: "reading", roomId: reading.roomId, lines: reading.messages.map((m) => ({ mine: m.mine, body: m.body })) };
  return conversations.length ? { kind: "list", conversations } : { kind: "empty" };
}
