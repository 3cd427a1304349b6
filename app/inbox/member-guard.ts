"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { conversationVisitor, roomReaders } from "../../lib/matrix/room-membership";
import { seenIdentities } from "../../lib/matrix/seen-identities";
import { checkReaders, type ReaderProblem } from "../../lib/roster/check-readers";
import { checkUnknownMembers, holdsForUnknown, type UnknownMember } from "../../lib/roster/check-unknown-members";
import { pinRostered } from "../../lib/matrix/pin-rostered";
import { supervisorRefusal } from "../../lib/roster/reader-role";
import type { RoutingContent } from "../../lib/conversation/event-types";
import { consoleTrust, lastTrustMode, type ConsoleTrust } from "./console-trust";

/** What the console knows about who could read the open conversation, and whether the agent's messages are held. */
export type MemberAssessment = {
  mode: ConsoleTrust["mode"];
  /** Why nothing is sent at all (mode `refused`). */
  refused: string | null;
  /** With a key: members the agent's client must not encrypt to (every one of them). */
  blocking: ReaderProblem[];
  /** With a key: what holds the visitor's widget (the same check, from the visitor's side). */
  visitorBlocked: ReaderProblem[];
  /** Without a key: members who are neither the visitor, the router nor an agent the app lists. */
  unknown: UnknownMember[];
  /** True while the agent's next message is held. */
  holds: boolean;
};

/** Whether two assessments show the same (a send's check that finds nothing new redraws nothing). */
export function sameAssessment(a: MemberAssessment | null, b: MemberAssessment): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

// Degraded mode: members the agent chose to continue with, per conversation (that member only).
const confirmed = new Map<string, Set<string>>();

/** Degraded mode: the agent continues with this member present (another newcomer holds again). */
export function confirmMember(roomId: string, userId: string): void {
  const set = confirmed.get(roomId) ?? new Set<string>();
  set.add(userId);
  confirmed.set(roomId, set);
}

/**
 * The console's member check before anything is encrypted to a conversation
 * (text, files, canned responses, invitations on a transfer), from the same
 * pure code as the widget (`lib/roster`): with an organisation key, every
 * member other than the agent and the visitor must be on the verified roster
 * with the master key this browser's crypto sees, the router only keyless;
 * without one, every member the app does not list is named and holds the
 * agent's message until the agent confirms them. `only`: check these users
 * instead of the room's members (a reader about to be invited).
 */
export async function assessMembers(client: MatrixClient, room: Room, opts: { only?: readonly string[]; fresh?: boolean } = {}): Promise<MemberAssessment> {
  const me = client.getSafeUserId();
  const members = [...new Set(opts.only ?? roomReaders(room))];
  // What the crypto layer sees does not depend on the trust: with a roster, both are fetched at once (one round trip, not two).
  const early = lastTrustMode() === "roster" ? seenIdentities(client, members) : null;
  early?.catch(() => {}); // awaited below in the roster mode only
  const trust = await consoleTrust(me, opts.fresh);
  const visitorUserId = conversationVisitor(room);
  const none = { blocking: [], visitorBlocked: [], unknown: [] };
  if (trust.mode === "refused") return { mode: "refused", refused: trust.reason, ...none, holds: true };
  if (trust.mode === "degraded") {
    const unknown = checkUnknownMembers({
      members,
      me,
      visitorUserId,
      routerUserId: trust.routerUserId,
      knownAgents: trust.agents,
      confirmed: confirmed.get(room.roomId) ?? new Set(),
    });
    return { mode: "degraded", refused: null, ...none, unknown, holds: holdsForUnknown(unknown) };
  }
  let seen = await (early ?? seenIdentities(client, members));
  let blocking = checkReaders({ members, routerUserId: trust.routerUserId, roster: trust.roster, seen, me, visitorUserId });
  // A problem is never judged on kept /keys/query answers alone: ask the server again (as before every send).
  if (blocking.length) {
    seen = await seenIdentities(client, members, { fresh: true });
    blocking = checkReaders({ members, routerUserId: trust.routerUserId, roster: trust.roster, seen, me, visitorUserId });
  }
  const base = { members, routerUserId: trust.routerUserId, roster: trust.roster, seen };
  const visitorBlocked = visitorUserId ? checkReaders({ ...base, me: visitorUserId }) : [];
  await pinRostered(client, trust.roster, members, seen);
  return { mode: "roster", refused: null, ...none, blocking, visitorBlocked, holds: blocking.length > 0 };
}

/**
 * True when this reader may be invited now (a transfer shares the history with them): the same check, for them,
 * and, for a reader the router lists as a supervisor, the signed roster's role for the conversation's team.
 */
export async function mayInviteReader(client: MatrixClient, roomId: string, reader: string, routing: RoutingContent): Promise<boolean> {
  const room = client.getRoom(roomId);
  if (!room) return false;
  const trust = await consoleTrust(client.getSafeUserId(), true);
  // Without a verified roster nobody is a supervisor by it.
  if (supervisorRefusal(trust.mode === "roster" ? trust.roster : null, routing, reader)) return false;
  return !(await assessMembers(client, room, { only: [reader] })).holds;
}
