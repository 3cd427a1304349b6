import type { QueueOutcome } from "../lib/conversation/assign-queued";
import type { Availability } from "../lib/routing/decide-route";
import type { ConversationRouting } from "../lib/routing/routing-content";

/** A conversation the router saw in Matrix, to record. */
export type NewConversation = { roomId: string; siteId: string; visitorUserId: string; createdAt: Date; ticketId?: string };

/** An open conversation, as the router reconciles it with its room. */
export type OpenConversation = {
  roomId: string;
  visitorUserId: string;
  status: "queued" | "assigned" | "active";
  agentUserId: string | null;
  assignedAt: Date | null;
  lastActivityAt: Date;
  /** Declared readers: the supervisors of the conversation's team now. */
  supervisorUserIds: string[];
  /** Who stopped supervising its team, and when: kicked if they joined (or were invited) before. */
  formerSupervisors: { userId: string; at: Date }[];
};

/** A closed conversation whose room the router has not left yet. */
export type ClosedConversation = {
  roomId: string;
  visitorUserId: string;
  agentUserId: string | null;
  closedAt: Date;
  closedReason: string | null;
  /** The room shows the close already. */ published: boolean;
};

/** A conversation whose room state lags behind the database. */
export type Unpublished = ConversationRouting & { roomId: string; version: number; visitorUserId: string };

/** What the database knows of prepared rooms that show a start. */
export type PreparedView = { known: ReadonlySet<string>; tickets: ReadonlyMap<string, { id: string; createdAt: Date }> };

/** An agent, as the status rooms need it. */
export type AgentRecord = { userId: string; availability: Availability; controlRoomId: string | null };

/**
 * The router's data layer: the database holds the truth, and every change is
 * guarded by row locks in the implementation (a killed or second router never
 * assigns twice). Implemented over PostgreSQL (`db-store.ts`) and in memory
 * for tests (`testing/memory-store.ts`).
 */
export interface RouterStore {
  /**
   * Records a conversation (a no-op when already known), taking the decision of
   * a routing ticket of this visitor and site; false when the site is unknown.
   */
  recordConversation(c: NewConversation): Promise<boolean>;
  /** For prepared rooms that show a start: which are recorded, and the ticket bound to each other one. */
  preparedRooms(roomIds: readonly string[]): Promise<PreparedView>;
  /** Forgets tickets whose room never came. */
  dropExpiredTickets(now: Date): Promise<void>;
  /** Assigns queued conversations oldest first (the routing policy); says why the others wait. */
  assignQueued(now: Date): Promise<QueueOutcome>;
  /** Conversations not closed. */
  openConversations(): Promise<OpenConversation[]>;
  /** A member joined: the assigned agent accepts, an eligible one claims; false when not entitled. */
  memberJoined(roomId: string, userId: string, at: Date): Promise<boolean>;
  /** The assigned agent declined or did not show up: back to the queue (no-op if it moved on). */
  releaseAssignment(roomId: string, agentUserId: string, outcome: "declined" | "no_show", at: Date): Promise<void>;
  /** Closes a conversation (idempotent). */
  close(roomId: string, reason: "agent" | "visitor", at: Date): Promise<void>;
  /** Closes a conversation if it still had no event since before `cutoff`. */
  closeInactive(roomId: string, cutoff: Date, at: Date): Promise<void>;
  /** Closed conversations whose room the router is still in (oldest close first, bounded). */
  closedNotLeft(): Promise<ClosedConversation[]>;
  /**
   * Reopens a conversation closed at `closedAt` (not by its visitor): back to
   * the agent when given, else queued. False when it changed meanwhile.
   */
  reopen(roomId: string, agentUserId: string | null, at: Date, closedAt: Date): Promise<boolean>;
  /** The router left a closed conversation's room. */
  markLeft(roomId: string, at: Date): Promise<void>;
  /**
   * Names prepared rooms as their creator's (the visitor is joined) and forgets
   * others (the visitor left): the app then issues a ticket bound to such a room
   * to that visitor without asking Synapse. Recording a conversation or an
   * abandoned room forgets it too.
   */
  notePreparedRooms(remember: readonly { roomId: string; visitorUserId: string }[], forget: readonly string[], at: Date): Promise<void>;
  /** A prepared room never started that the router left: the retention job purges it later. */
  recordAbandoned(roomId: string, visitorUserId: string, at: Date): Promise<void>;
  /** Metadata only: who sent an event and when. */
  recordActivity(roomId: string, sender: string, at: Date): Promise<void>;
  /** Conversations whose routing state must be (re)published to their rooms. */
  unpublished(): Promise<Unpublished[]>;
  markPublished(roomId: string, version: number): Promise<void>;
  listAgents(): Promise<AgentRecord[]>;
  /** Offboarded agents' user ids: kicked from every open conversation they are still in. */
  offboardedAgents(): Promise<string[]>;
  setControlRoom(userId: string, roomId: string): Promise<void>;
  setAvailability(userId: string, availability: Availability): Promise<void>;
}
