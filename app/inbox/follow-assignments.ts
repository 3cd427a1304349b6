import type { MatrixClient, Room } from "matrix-js-sdk";
import { alertNewAssignment } from "./assignment-alert";
import { fetchAgentConversations } from "../_console/console-api";

// Readers the router adds are invited by the visitor's widget first when it is online:
// history it shares is attributed to the visitor's device (see followRouting).
const AGENT_INVITE_DEFER_MS = 5_000;

type Sdk = typeof import("matrix-js-sdk");
/** The modules the console loads on demand (kept out of server rendering). */
export type AssignmentModules = {
  sdk: Sdk;
  followRouting: typeof import("../../lib/matrix/follow-routing").followRouting;
  CONVERSATION_EVENT: string;
  followNotesReaders: typeof import("../../lib/matrix/notes-room").followNotesReaders;
  joinAcceptingHistory: typeof import("../../lib/matrix/join-with-history").joinAcceptingHistory;
  historySharerCheck: typeof import("./history-trust").historySharerCheck;
  mayInviteReader: typeof import("./member-guard").mayInviteReader;
};

/**
 * As a key holder, share each joined conversation's history with whoever the
 * router lists as a reader (transfers), once the same member check as for a
 * message passes for that reader.
 */
function shareWithReaders(c: MatrixClient, m: AssignmentModules): () => void {
  const followed = new Map<string, () => void>();
  return () => {
    // A room left (a closed conversation, a transfer) is followed no more: nothing grows with history.
    for (const [roomId, stop] of followed) {
      if (c.getRoom(roomId)?.getMyMembership() === m.sdk.KnownMembership.Join) continue;
      stop();
      followed.delete(roomId);
    }
    for (const room of c.getRooms()) {
      if (followed.has(room.roomId) || room.getMyMembership() !== m.sdk.KnownMembership.Join) continue;
      if (!room.currentState.getStateEvents(m.CONVERSATION_EVENT, "")) continue;
      followed.set(
        room.roomId,
        m.followRouting(c, room.roomId, () => {}, {
          deferInvitesMs: AGENT_INVITE_DEFER_MS,
          mayInvite: (reader, routing) => m.mayInviteReader(c, room.roomId, reader, routing),
        }),
      );
    }
  };
}

/** Joins what the router assigned to me (and, as a supervisor, my team's conversations); the inviter's client shares the history on invite. */
function joinAssignments(c: MatrixClient, m: AssignmentModules): () => Promise<void> {
  const joining = new Set<string>();
  const invited = (roomId: string): boolean => c.getRoom(roomId)?.getMyMembership() === m.sdk.KnownMembership.Invite && !joining.has(roomId);
  return async () => {
    // A refusal or a network error: the next pass asks again.
    const conversations = await fetchAgentConversations().catch(() => null);
    if (!conversations) return;
    // Internal notes of a conversation handed to me: a colleague invited me with the notes so far.
    for (const { notesRoomId, participants } of conversations) {
      if (!notesRoomId || !invited(notesRoomId)) continue;
      joining.add(notesRoomId);
      await c
        .getCrypto()
        ?.getUserDeviceInfo(participants, true)
        .catch(() => {});
      await c.joinRoom(notesRoomId).catch(() => joining.delete(notesRoomId));
    }
    for (const { roomId, participants, supervising } of conversations) {
      if (!invited(roomId)) continue;
      joining.add(roomId);
      // A supervisor reads the team's conversations (a declared reader): not an assignment to announce.
      if (!supervising) alertNewAssignment();
      await c
        .getCrypto()
        ?.getUserDeviceInfo(participants, true)
        .catch(() => {});
      // The history keys (MSC4268) are imported only from the visitor or a verified agent.
      await m.joinAcceptingHistory(c, roomId, m.historySharerCheck(c, roomId)).catch(() => joining.delete(roomId));
    }
  };
}

/**
 * Follows the router's assignments: polls and joins what is assigned, joins
 * the notes of conversations handed over, shares history with new readers,
 * and gives newly assigned agents the internal notes. Returns the stop function.
 */
export function followAssignments(c: MatrixClient, m: AssignmentModules): () => void {
  const followJoined = shareWithReaders(c, m);
  const joinAssigned = joinAssignments(c, m);
  const poll = setInterval(() => void joinAssigned().catch(() => {}), 2_000);
  // Agents newly assigned to a conversation get its internal notes (never the visitor).
  const stopNotes = m.followNotesReaders(c);
  void joinAssigned().catch(() => {});
  const onMembership = (room: Room): void => {
    followJoined();
    if (room.getMyMembership() === m.sdk.KnownMembership.Invite) void joinAssigned().catch(() => {});
  };
  c.on(m.sdk.RoomEvent.MyMembership, onMembership);
  followJoined();
  return () => {
    clearInterval(poll);
    stopNotes();
    c.off(m.sdk.RoomEvent.MyMembership, onMembership);
  };
}
