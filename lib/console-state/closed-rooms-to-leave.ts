/** What the console knows of one room it holds, for deciding whether to leave it. */
export type HeldRoom = {
  roomId: string;
  /** This account's membership as synced. */
  myMembership: string;
  /** The room carries the conversation marker (only conversations are ever left by this rule). */
  conversation: boolean;
  /** The router's routing state: its status, or null when absent or malformed. */
  routingStatus: string | null;
  /** Who sent the routing state (only the router may: power level 50), and their membership now. */
  routingSenderMembership: string | null;
};

/**
 * The closed conversations the agent's console leaves now. Pure.
 *
 * A conversation is left once it is closed **and the router has left it**: the
 * router leaves only after its reopening grace (`ROUTER_CLOSED_GRACE_MS`,
 * bot/reconcile/plan-closed.ts), and after that no late visitor message
 * reopens it. So within the grace the agent is still joined, and a reopened
 * conversation goes back to them (plan-closed's "still joined" rule), and a
 * console never leaves a conversation that could still come back. No
 * console-side timer: the router's leave, as synced in the room, is the signal,
 * so a console that was off for a week leaves at its next start.
 */
export function closedRoomsToLeave(rooms: readonly HeldRoom[]): string[] {
  return rooms
    .filter((r) => r.myMembership === "join" && r.conversation && r.routingStatus === "closed" && r.routingSenderMembership === "leave")
    .map((r) => r.roomId);
}
