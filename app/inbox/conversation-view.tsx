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

type OpenEarlier = { onOpenEarlier?: (roomId: string) => void };

function OpenConversation({
  client,
  store,
  room,
  view,
  onOpenEarlier,
}: { client: MatrixClient; store: MatrixStore; room: Room; view: RoomView } & OpenEarlier) {
  const readersKey = view.readers.join(" ");
  const outbox = useConversationOutbox(client, room.roomId, readersKey);
  useReadReceipts(client, room, view.messages.at(-1)?.id);
  useWholeHistory(client, room);
  return (
    <section className="conversation" aria-label="Conversation">
      <ConversationActions roomId={room.roomId} myUserId={client.getSafeUserId()} closed={view.closed}>
        <TranscriptButton client={client} room={room} messages={view.messages} />
      </ConversationActions>
      <MemberWarnings roomId={room.roomId} outbox={outbox} />
      <AuditAlerts client={client} room={room} membersKey={readersKey} />
      <IdentityWarnings client={client} room={room} />
      <VisitorContext room={room} />
      <VerifiedCustomer room={room} messages={view.messages} />
      <EarlierConversations room={room} onOpen={onOpenEarlier} />
      <MessageList client={client} room={room} messages={view.messages} outbox={outbox} degraded={outbox.assessment()?.mode === "degraded"} />
      <VisitorTyping store={store} roomId={room.roomId} />
      <Composer client={client} roomId={room.roomId} outbox={outbox} closed={view.closed} />
      <LiveNotesPanel client={client} store={store} roomId={room.roomId} />
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
  onOpenEarlier,
}: { client: MatrixClient; store: MatrixStore; roomId: string } & OpenEarlier) {
  const view = useRoomView(store, roomId);
  const room = client.getRoom(roomId);
  if (!view || !room) return null;
  return <OpenConversation client={client} store={store} room={room} view={view} onOpenEarlier={onOpenEarlier} />;
});
