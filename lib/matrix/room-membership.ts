import { EventType, type MatrixEvent, type Room } from "matrix-js-sdk";
import { CONVERSATION_EVENT } from "../conversation/event-types";
import type { MembershipEvent } from "../audit/types";

const toMembership = (e: MatrixEvent): MembershipEvent => ({
  eventId: e.getId() ?? "",
  userId: e.getStateKey() ?? "",
  sender: e.getSender() ?? "",
  membership: (e.getContent() as { membership?: string }).membership ?? "",
  originServerTs: e.getTs(),
});

/**
 * The room's m.room.member events this client has, in room order: those in
 * the loaded timeline, plus the current state of any member the timeline does
 * not reach back to (so nobody in the room is missed).
 */
export function roomMembershipEvents(room: Room): MembershipEvent[] {
  const fromTimeline = room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.getType() === EventType.RoomMember && e.getStateKey());
  const covered = new Set(fromTimeline.map((e) => e.getStateKey()));
  const older = room.currentState.getStateEvents(EventType.RoomMember).filter((e) => !covered.has(e.getStateKey()));
  return [...older.sort((a, b) => a.getTs() - b.getTs()), ...fromTimeline].map(toMembership);
}

/** Everyone a sender's client encrypts to: joined and invited members. */
export function roomReaders(room: Room | null | undefined): string[] {
  return (room?.getMembers() ?? []).filter((m) => m.membership === "join" || m.membership === "invite").map((m) => m.userId);
}

/** The conversation's visitor: who wrote its marker (the room's creator). */
export function conversationVisitor(room: Room): string | null {
  return room.currentState.getStateEvents(CONVERSATION_EVENT, "")?.getSender() ?? room.getCreator() ?? null;
}
