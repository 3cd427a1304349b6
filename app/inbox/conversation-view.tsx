"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { memo } from "react";
import { isVisitorUserId } from "../../lib/conversation/event-types";
import { Composer } from "./composer";
import { AuditAlerts, MemberWarnings } from "./conversation-alerts";
import { ConversationActions } from "./conversation-actions";
import { useConversationOutbox, useReadReceipts, useWholeHistory } from "./conversation-hooks";
import { IdentityWarnings } from "./identity-warnings";
import type { MatrixStore, RoomView } from "./matrix-store";
import { MessageList } from "./message-list";
import { NotesPanel } from "./notes-panel";
import { TranscriptButton } from "./transcript-button";
import { useNotesRevision, useRoomView, useTyping } from "./use-matrix-store";
import { EarlierConversations } from "./earlier-conversations";
import { VerifiedCustomer } from "./verified-customer";
import { SupervisorNote } from "./team-view";
import { VisitorContext } from "./visitor-context";

/** "Visitor is typing…": the only part of the inbox a typing notification redraws. */
function VisitorTyping({ store, roomId }: { store: MatrixStore; roomId: string }) {
  const typing = useTyping(store, roomId);
  return (
    <p className="muted small" aria-live="polite">
      {typing.some(isVisitorUserId) ? "Visitor is typing…" : ""}
    </p>
  );
}

/** The internal notes, redrawn when their notes room changes (the panel reads that room itself). */
function LiveNotesPanel({ client, store, roomId }: { client: MatrixClient; store: MatrixStore; roomId: string }) {
  useNotesRevision(store, roomId);
  return <NotesPanel client={client} conversationRoomId={roomId} />;
}

/** `supervising`: the team's name when this browser reads the conversation as its supervisor (read-only). */
type OpenProps = {
  client: MatrixClient;
  store: MatrixStore;
  room: Room;
  view: RoomView;
  supervising?: string | null;
  onOpenEarlier?: (roomId: string) => void;
};

function OpenConversation({ client, store, room, view, supervising, onOpenEarlier }: OpenProps) {
  const readersKey = view.readers.join(" ");
  const outbox = useConversationOutbox(client, room.roomId, readersKey);
  // A supervisor's read receipt would tell the visitor "seen" for the agent: none is sent.
  useReadReceipts(client, room, view.messages.at(-1)?.id, !supervising);
  useWholeHistory(client, room);
  const transcript = <TranscriptButton client={client} room={room} messages={view.messages} />;
  return (
    <section className="conversation" aria-label="Conversation">
      {supervising ? (
        <SupervisorNote team={supervising} />
      ) : (
        <ConversationActions roomId={room.roomId} myUserId={client.getSafeUserId()} closed={view.closed}>
          {transcript}
        </ConversationActions>
      )}
      <MemberWarnings roomId={room.roomId} outbox={outbox} />
      <AuditAlerts client={client} room={room} membersKey={readersKey} />
      <IdentityWarnings client={client} room={room} />
      <VisitorContext room={room} />
      <VerifiedCustomer room={room} messages={view.messages} />
      <EarlierConversations room={room} onOpen={onOpenEarlier} />
      <MessageList client={client} room={room} messages={view.messages} outbox={outbox} degraded={outbox.assessment()?.mode === "degraded"} />
      <VisitorTyping store={store} roomId={room.roomId} />
      {!supervising && <Composer client={client} roomId={room.roomId} outbox={outbox} closed={view.closed} />}
      {!supervising && <LiveNotesPanel client={client} store={store} roomId={room.roomId} />}
    </section>
  );
}

/**
 * One conversation: redrawn when this room's snapshot changes (messages,
 * members, state), not when other rooms or the list change.
 */
export const ConversationView = memo(function ConversationView({
  client,
  store,
  roomId,
  supervising,
  onOpenEarlier,
}: {
  client: MatrixClient;
  store: MatrixStore;
  roomId: string;
  supervising?: string | null;
  onOpenEarlier?: (roomId: string) => void;
}) {
  const view = useRoomView(store, roomId);
  const room = client.getRoom(roomId);
  if (!view || !room) return null;
  return <OpenConversation client={client} store={store} room={room} view={view} supervising={supervising} onOpenEarlier={onOpenEarlier} />;
});
