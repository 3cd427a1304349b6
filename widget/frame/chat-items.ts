import type { MatrixClient, Room } from "matrix-js-sdk";
import { roomMembershipEvents } from "../../lib/matrix/room-membership";
import { timelineMessages } from "../../lib/matrix/timeline-messages";
import { membershipNotices, type MembershipNotice } from "../../lib/roster/membership-notice";
import type { WidgetStrings } from "../../lib/widget-i18n/catalogue";
import type { ViewMessage } from "./message-list";
import type { VisitorOutbox } from "./visitor-outbox";

type Input = {
  client: MatrixClient;
  room: Room | null;
  routerUserId: string;
  outbox: VisitorOutbox;
  nameOf(userId: string): string;
  /** Degraded mode: every membership change shows in the timeline, where it happened. */
  membershipLines: boolean;
  t: WidgetStrings;
};

/**
 * What the message list shows: the room's messages (the visitor's own marked
 * seen up to the last one another reader has read), then the outbox's messages
 * the timeline does not have yet. Forgets outbox entries the timeline now shows.
 */
export function chatItems(d: Input): { items: ViewMessage[]; timeline: ReturnType<typeof timelineMessages> } {
  const { room, client } = d;
  const me = client.getSafeUserId();
  const timeline = room ? timelineMessages(room) : [];
  const ids = new Set(timeline.map((m) => m.id));
  d.outbox.forget(ids);
  const readers = room
    ? room
        .getJoinedMembers()
        .map((m) => m.userId)
        .filter((u) => u !== me && u !== d.routerUserId)
    : [];
  let seenUpTo = -1;
  timeline.forEach((m, i) => {
    if (room && m.sender === me && m.state === "sent" && readers.some((u) => room.hasUserReadEvent(u, m.id))) seenUpTo = i;
  });
  const items: ViewMessage[] = timeline.map((m, i) => ({
    ...m,
    mine: m.sender === me,
    senderName: d.nameOf(m.sender),
    state: m.sender === me && m.state === "sent" && i <= seenUpTo ? "seen" : m.state,
  }));
  // Our own events carry the txn id they were sent under: a kept message the server already has shows once.
  const txnIds = new Set(
    room
      ?.getLiveTimeline()
      .getEvents()
      .map((e) => e.getUnsigned().transaction_id ?? "") ?? [],
  );
  items.push(...d.outbox.pendingViews(ids, txnIds));
  return { items: room && d.membershipLines ? withMembershipNotices(items, room, me, d.t) : items, timeline };
}

function withMembershipNotices(items: ViewMessage[], room: Room, me: string, t: WidgetStrings): ViewMessage[] {
  const who = (u: string): string => (u === me ? t.you : u);
  const text: Record<MembershipNotice["kind"], (n: MembershipNotice) => string> = {
    joined: (n) => t.memberJoined(who(n.userId)),
    invited: (n) => t.memberInvited(who(n.userId), who(n.by)),
    removed: (n) => t.memberRemoved(who(n.userId), who(n.by)),
    left: (n) => t.memberLeft(who(n.userId)),
  };
  const notices = membershipNotices(roomMembershipEvents(room)).map((n): ViewMessage => ({
    id: n.id,
    sender: n.userId,
    senderName: "",
    mine: false,
    body: text[n.kind](n),
    timestamp: n.timestamp,
    state: "sent",
    encrypted: false,
    membership: true,
  }));
  // Stable merge by time: pending messages (no server time yet) stay last.
  const sent = items.filter((m) => m.state !== "pending" && m.state !== "failed");
  const rest = items.filter((m) => m.state === "pending" || m.state === "failed");
  return [...[...sent, ...notices].sort((a, b) => a.timestamp - b.timestamp), ...rest];
}
