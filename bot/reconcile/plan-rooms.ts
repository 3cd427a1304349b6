import { isVisitorUserId } from "@/lib/conversation/event-types";
import type { NewConversation, PreparedView } from "../router-store";
import type { RoomFact } from "../room-facts";

/** What the router does about a room it was invited to or has joined but not handled yet. */
export type RoomAction =
  | { kind: "join"; roomId: string }
  | { kind: "record"; conversation: NewConversation; via: "marker" | "prepared" }
  /** Nothing to record (an invalid marker, or already recorded): not looked at again. */
  | { kind: "skip"; roomId: string; why: "invalid" | "known" }
  /** A prepared room never started for too long (the visitor opened the chat and left). */
  | { kind: "leave"; roomId: string; visitorUserId: string };

/** A prepared room that shows its visitor started it: the database says how to record it. */
export type StartedRoom = { roomId: string; siteId: string; visitorUserId: string; startedAt: Date };

/** The router's memory of rooms it has handled (owned by the runner, read here). */
export type RoomMemory = { joining: ReadonlySet<string>; recorded: ReadonlySet<string>; leaving: ReadonlySet<string> };

/** Rooms worth describing this pass: invitations and joined rooms not handled yet. */
export function roomsToExamine(summaries: readonly { roomId: string; myMembership: string | null }[], memory: RoomMemory): string[] {
  return summaries
    .filter(
      (s) =>
        (s.myMembership === "invite" && !memory.joining.has(s.roomId)) ||
        (s.myMembership === "join" && !memory.recorded.has(s.roomId) && !memory.leaving.has(s.roomId)),
    )
    .map((s) => s.roomId);
}

/** When the visitor visibly started a prepared room: its first reader invite or message. */
export function startOf(room: RoomFact, me: string): Date | null {
  const invite = room.members.find((m) => m.userId !== me && m.userId !== room.creator && m.membership !== "leave");
  const ts = [invite?.ts, room.creatorFirstMessageAt].filter((t): t is number => typeof t === "number");
  return ts.length > 0 ? new Date(Math.min(...ts)) : null;
}

/**
 * Rules for rooms not handled yet. Pure.
 * - Join a room only when a visitor invited the router (only visitors open conversations).
 * - Record a joined room whose creator is a visitor and whose marker is valid,
 *   with the ticket the marker names (the store checks it).
 * - A prepared room is not routed until started (a reader invited, or a
 *   message): then the database decides ({@link planStarted}). One never started
 *   within `preparedTtlMs` is left.
 */
export function planRooms(input: { me: string; now: Date; preparedTtlMs: number; rooms: readonly RoomFact[]; memory: RoomMemory }): {
  actions: RoomAction[];
  started: StartedRoom[];
} {
  const actions: RoomAction[] = [];
  const started: StartedRoom[] = [];
  for (const room of input.rooms) {
    if (room.myMembership === "invite") {
      if (!input.memory.joining.has(room.roomId) && room.inviter && isVisitorUserId(room.inviter)) actions.push({ kind: "join", roomId: room.roomId });
      continue;
    }
    if (room.myMembership !== "join" || input.memory.recorded.has(room.roomId) || input.memory.leaving.has(room.roomId)) continue;
    if (!room.marker || !room.creator || !isVisitorUserId(room.creator)) continue;
    if (room.marker === "invalid") {
      actions.push({ kind: "skip", roomId: room.roomId, why: "invalid" });
      continue;
    }
    const createdAt = new Date(room.createdAt ?? input.now.getTime());
    if (!room.marker.prepared || room.marker.ticketId) {
      actions.push({
        kind: "record",
        via: "marker",
        conversation: { roomId: room.roomId, siteId: room.marker.siteId, visitorUserId: room.creator, createdAt, ticketId: room.marker.ticketId },
      });
      continue;
    }
    const startedAt = startOf(room, input.me);
    if (startedAt) started.push({ roomId: room.roomId, siteId: room.marker.siteId, visitorUserId: room.creator, startedAt });
    else if (createdAt.getTime() < input.now.getTime() - input.preparedTtlMs) actions.push({ kind: "leave", roomId: room.roomId, visitorUserId: room.creator });
  }
  return { actions, started };
}

/**
 * A started prepared room becomes a conversation: with the routing ticket
 * bound to it (its readers are invited already; the ticket's decision is
 * taken), or, when that ticket is gone (the router was down past its expiry),
 * routed as it arrives, from when it started. Pure.
 */
export function planStarted(started: readonly StartedRoom[], view: PreparedView): RoomAction[] {
  return started.map((s) => {
    if (view.known.has(s.roomId)) return { kind: "skip", roomId: s.roomId, why: "known" };
    const ticket = view.tickets.get(s.roomId);
    return {
      kind: "record",
      via: "prepared",
      conversation: { roomId: s.roomId, siteId: s.siteId, visitorUserId: s.visitorUserId, createdAt: ticket?.createdAt ?? s.startedAt, ticketId: ticket?.id },
    };
  });
}
