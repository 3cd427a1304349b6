/** Who may hold an erased conversation's Megolm keys, as our rows tell it. */
export type KeyHolderInput = {
  /** The agent the conversation was with last (null: never taken). */
  agentUserId: string | null;
  /** Every agent it was ever offered to (assignments). */
  assignedAgents: string[];
  /** The agents its queue was shown to: its team's members, or every agent when it had no team (invited while queued). */
  queueAgents: string[];
};

/**
 * The agents whose consoles must delete an erased conversation's keys: its
 * agent, everyone it was offered to, and everyone invited while it was
 * queued (an invited agent receives the room's keys too). Sorted, unique. Pure.
 */
export function keyHolders(c: KeyHolderInput): string[] {
  const all = new Set([...c.assignedAgents, ...c.queueAgents]);
  if (c.agentUserId) all.add(c.agentUserId);
  return [...all].sort();
}
