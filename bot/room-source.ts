import type { RoomFact, RoomSummary } from "./room-facts";

/** What the source tells the router as rooms change. */
export type SourceListener = {
  /** Something changed (membership, state, sync): run a pass. */
  changed(): void;
  /** Metadata of a new event in a room (who sent it, when, its type; never its content). */
  activity(roomId: string, sender: string, at: Date, type: string, eventId?: string): void;
};

/**
 * Where the router learns about rooms. Today a /sync client
 * (`sync-source.ts`); an application service's pushed transactions can
 * replace it without touching the reconcile or the runner.
 */
export interface RoomSource {
  start(listener: SourceListener): Promise<void>;
  stop(): void;
  /** Every room the router is in or invited to (cheap). */
  summaries(): RoomSummary[];
  /** Full facts of these rooms (unknown rooms are left out). */
  facts(roomIds: readonly string[]): RoomFact[];
}

/** How the router writes to rooms (its account; it never sends an encrypted message). */
export interface RoomWriter {
  join(roomId: string): Promise<void>;
  leave(roomId: string): Promise<void>;
  /** Leaves a room for good and drops it from the client's memory (a closed conversation after its grace). */
  leaveForGood(roomId: string): Promise<void>;
  kick(roomId: string, userId: string, reason: string): Promise<void>;
  sendState(roomId: string, type: string, content: object): Promise<void>;
}
