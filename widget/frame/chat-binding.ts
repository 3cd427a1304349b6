import { ClientEvent, MatrixEventEvent, RoomEvent, RoomMemberEvent, SyncState, type MatrixClient, type Room } from "matrix-js-sdk";
import { downloadEncryptedAttachment } from "../../lib/matrix/encrypted-attachment";
import { loadWholeHistory } from "../../lib/matrix/load-whole-history";
import type { ChatMessage } from "../../lib/matrix/timeline-messages";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import { markReceived } from "../../lib/perf/latency-marks";
import { echoShownByOutbox, localEchoStillSending, redrawReceiptUnlessDecrypting, redrawUnlessDecrypting } from "../../lib/matrix/needless-redraws";
import { typingNotices, type TypingStop } from "../../lib/matrix/typing-stop";
import { markIncoming } from "../../lib/perf/incoming-marks";
import { encryptionPreparer } from "../../lib/matrix/prepare-after-check";
import { readersOf } from "./visitor-outbox";
import type { WidgetMessage } from "../../lib/widget-protocol/messages";
import { loadAvatar } from "./avatar";
import { chatItems } from "./chat-items";
import type { ChatSession, RoutingShown } from "./chat-session";
import type { ChatView } from "./chat-view";
import { endConversation } from "./conversation";
import type { RosterGuard } from "./roster-guard";

type Deps = {
  client: MatrixClient;
  view: ChatView;
  t: WidgetStrings;
  guard: RosterGuard;
  session: ChatSession;
  toHost(m: WidgetMessage): void;
  /** Opens the composer (the pre-chat questions first when `hasConversation` is false). */
  openComposer(hasConversation: boolean): void;
};

/**
 * Shows the running session in the view: messages (on every timeline, receipt
 * and decryption event), the agent in the header, typing, unread counts for the
 * host page, the routing notice; and turns the view's buttons into session calls.
 */
export function bindChat(d: Deps): void {
  const { client, view, t, session } = d;
  const roomOf = (): Room | null => (session.roomId() ? client.getRoom(session.roomId()!) : null);
  const nameOf = (userId: string): string => session.agentName(userId) ?? roomOf()?.getMember(userId)?.name ?? t.support;
  const showAgent = agentHeader(client, view, () => session.routing(), roomOf, nameOf);
  const updateUnread = unreadCounter(client, d.toHost);

  const render = (): void => {
    const room = roomOf();
    const { items, timeline } = chatItems({
      client,
      room,
      routerUserId: session.visitor()!.routerUserId,
      outbox: session.outbox,
      nameOf,
      membershipLines: !d.guard.verified,
      t,
    });
    view.renderMessages(items);
    // The DOM now shows them (the bench reads these marks).
    for (const m of items) if (!m.mine && m.state === "sent" && m.encrypted) markReceived(m.id, "painted");
    showAgent();
    if (room) updateUnread(room, timeline);
  };
  markIncoming(client);
  window.addEventListener("focus", render);
  // An event still being decrypted is drawn once, at its Event.decrypted: not as a placeholder meanwhile.
  client.on(RoomEvent.Timeline, (event) => redrawUnlessDecrypting(event, render));
  // Nor at the receipt the SDK makes up for its sender (it also sends ours for the undecrypted event).
  client.on(RoomEvent.Receipt, (receipt, room) => redrawReceiptUnlessDecrypting(receipt, room, render));
  // Encrypting -> sending shows the same "Sending…", and so does the echo's addition of a message the outbox
  // shows already: no redraw while the SDK encrypts.
  client.on(
    RoomEvent.LocalEchoUpdated,
    (event, _room, oldId, oldStatus) =>
      localEchoStillSending(event, oldId, oldStatus) || echoShownByOutbox(event, (txnId) => session.outbox.sending(txnId)) || render(),
  );
  client.on(MatrixEventEvent.Decrypted, render);
  client.on(ClientEvent.Sync, (state: SyncState) => {
    if (state === SyncState.Syncing) session.outbox.nudge();
  });
  window.addEventListener("online", () => session.outbox.nudge());
  // The visitor started typing: after the roster guard's check (the one a send makes), set up the session and share its key.
  const prepare = encryptionPreparer(client, async (roomId) => !d.guard.holding && (await d.guard.allows(readersOf(client, roomId))));
  relayTyping(client, view, () => session.roomId(), nameOf, {
    busy: () => session.outbox.busy(),
    subscribe: (l) => session.on((change) => change === "messages" && l()),
    prepare,
  });

  session.on((change) => {
    if (change === "room") {
      view.setConversationState("open");
      view.setNotice(t.waiting);
      const room = roomOf();
      if (room) void loadWholeHistory(client, room).then(render, () => {});
    } else if (change === "routing") {
      const r = session.routing();
      view.setNotice(noticeFor(r, t));
      if (r?.status === "closed") view.setConversationState("closed");
    } else if (change === "restart") {
      showAgent();
      view.setConversationState("none");
      view.setNotice(t.welcome);
      d.openComposer(false);
      return;
    }
    render();
  });

  view.setAttachmentLoader(async (m) => URL.createObjectURL(m.localFile ?? (await downloadEncryptedAttachment(client, m.attachment!))));
  view.onEnd(() => {
    const roomId = session.roomId();
    if (roomId) void endConversation(client, roomId).catch((e: Error) => view.showError(t.couldNotEnd(e.message)));
  });
  view.onRestart(() => session.restart());
  render();
}

/** The agent in the header: re-checked on every render, as their membership (and avatar) arrives after the routing state. */
function agentHeader(
  client: MatrixClient,
  view: ChatView,
  routing: () => RoutingShown | null,
  roomOf: () => Room | null,
  nameOf: (u: string) => string,
): () => void {
  let agentShown: string | null = null;
  return () => {
    const r = routing();
    const agentId = r?.status === "closed" ? null : (r?.agent_user_id ?? null);
    const mxc = agentId ? roomOf()?.getMember(agentId)?.getMxcAvatarUrl() : undefined;
    const name = agentId ? nameOf(agentId) : "";
    const key = agentId ? JSON.stringify([agentId, name, mxc]) : null;
    if (key === agentShown) return;
    agentShown = key;
    if (!agentId) return view.setAgent(null);
    view.setAgent({ name });
    if (mxc)
      void loadAvatar(client, mxc).then(
        (avatarUrl) => agentShown === key && view.setAgent({ name, avatarUrl }),
        () => {},
      );
  };
}

/**
 * Unread: agent messages after the visitor's read receipt; read while the frame has focus.
 * A hidden unverified message (possibly forged by the server) never counts.
 */
function unreadCounter(client: MatrixClient, toHost: (m: WidgetMessage) => void): (room: Room, timeline: ChatMessage[]) => void {
  const me = client.getSafeUserId();
  let unread = -1;
  return (room, timeline) => {
    const last = room.getLiveTimeline().getEvents().at(-1);
    if (document.hasFocus() && last?.getId() && !room.hasUserReadEvent(me, last.getId()!)) void client.sendReadReceipt(last).catch(() => {});
    const upTo = room.getEventReadUpTo(me);
    const index = upTo ? timeline.findIndex((m) => m.id === upTo) : -1;
    const count = document.hasFocus() ? 0 : timeline.slice(index + 1).filter((m) => m.sender !== me && m.state !== "unverified").length;
    if (count !== unread) toHost({ type: "sealdesk:unread", count: (unread = count) });
  };
}

/** Typing both ways: who is typing in the room, and the visitor's own (at most every 3 s). */
function relayTyping(
  client: MatrixClient,
  view: ChatView,
  roomId: () => string | undefined,
  nameOf: (u: string) => string,
  sending: Pick<TypingStop, "busy" | "subscribe"> & { prepare(roomId: string): void },
): void {
  const me = client.getSafeUserId();
  client.on(RoomMemberEvent.Typing, (_ev, member) => {
    if (member.roomId !== roomId()) return;
    const typing =
      client
        .getRoom(member.roomId)
        ?.getMembers()
        .filter((m) => m.typing && m.userId !== me) ?? [];
    const first = typing[0];
    view.setTyping(first ? nameOf(first.userId) : null);
  });
  let typingSince = 0;
  const notices = typingNotices({
    ...sending,
    send: (on) => {
      const id = roomId();
      if (id) void client.sendTyping(id, on, 5_000).catch(() => {});
    },
  });
  view.onTyping((typing) => {
    const id = roomId();
    if (!id) return;
    if (typing && Date.now() - typingSince < 3_000) return;
    if (!typing && !typingSince) return;
    typingSince = typing ? Date.now() : 0;
    if (!typing) return notices.stopped();
    notices.typing();
    sending.prepare(id);
  });
}

function noticeFor(routing: RoutingShown | null, t: WidgetStrings): string {
  switch (routing?.status) {
    case undefined:
      return t.waiting;
    case "queued":
      return t.queued;
    case "assigned":
    case "active":
      return t.chattingWith(routing.agent_display_name ?? t.anAgent);
    case "closed":
      return routing.closed_reason === "visitor" ? t.youEnded : t.ended;
  }
}
