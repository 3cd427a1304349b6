import { EventType, type Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT, conversationContentSchema, VISITOR_CLOSED_EVENT } from "../lib/conversation/event-types";

/** One member of a room: membership, and who set it when (metadata only). */
export type MemberFact = { userId: string; membership: string; sender: string | null; ts: number | null };

/** The room's conversation marker, parsed; "invalid" when present but not valid. */
export type MarkerFact = { siteId: string; prepared: boolean; ticketId?: string } | "invalid";

/** What the router knows of a room, as a plain record (no SDK object): the pure reconcile's input. */
export type RoomFact = {
  roomId: string;
  /** The router's own membership ("invite", "join", "leave"…), null when unknown. */
  myMembership: string | null;
  /** Who set the router's membership (for an invite: the inviter). */
  inviter: string | null;
  creator: string | null;
  /** When the room was created (its m.room.create event), ms. */
  createdAt: number | null;
  /** The `org.sealdesk.conversation` marker; null when the room has none. */
  marker: MarkerFact | null;
  /** The visitor wrote `org.sealdesk.visitor_closed`. */
  visitorClosed: boolean;
  members: MemberFact[];
  /** The creator's first message (not state) in the live timeline, ms. */
  creatorFirstMessageAt: number | null;
  /** The creator's latest message (not state) in the live timeline, ms: a late message may reopen a closed conversation. */
  creatorLastMessageAt: number | null;
  /** Id of the room's current power levels event: changes when the power levels change. */
  powerLevelsId: string | null;
};

/** A short view of a room, cheap enough to take of every room on every pass. */
export type RoomSummary = { roomId: string; myMembership: string | null };

function markerOf(room: Room): MarkerFact | null {
  const ev = room.currentState.getStateEvents(CONVERSATION_EVENT, "");
  if (!ev) return null;
  const parsed = conversationContentSchema.safeParse(ev.getContent());
  if (!parsed.success) return "invalid";
  return { siteId: parsed.data.site_id, prepared: parsed.data.prepared === true, ticketId: parsed.data.routing_ticket?.id };
}

/** Turns a matrix-js-sdk room into a plain record. */
export function roomFact(room: Room, me: string): RoomFact {
  const creator = room.getCreator();
  const byCreator = creator
    ? room
        .getLiveTimeline()
        .getEvents()
        .filter((e) => !e.isState() && e.getSender() === creator)
    : [];
  return {
    roomId: room.roomId,
    myMembership: room.getMyMembership() ?? null,
    inviter: room.getMember(me)?.events.member?.getSender() ?? null,
    creator,
    createdAt: room.currentState.getStateEvents(EventType.RoomCreate, "")?.getTs() ?? null,
    marker: markerOf(room),
    visitorClosed: !!room.currentState.getStateEvents(VISITOR_CLOSED_EVENT, ""),
    members: room.getMembers().map((m) => ({
      userId: m.userId,
      membership: m.membership ?? "leave",
      sender: m.events.member?.getSender() ?? null,
      ts: m.events.member?.getTs() ?? null,
    })),
    creatorFirstMessageAt: byCreator[0]?.getTs() ?? null,
    creatorLastMessageAt: byCreator.at(-1)?.getTs() ?? null,
    powerLevelsId: room.currentState.getStateEvents(EventType.RoomPowerLevels, "")?.getId() ?? null,
  };
}
