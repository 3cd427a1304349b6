/** What the router knows when a visitor's event arrives (metadata only, never content). */
export type MessagePushInput = {
  eventType: string;
  sender: string;
  eventAt: Date;
  now: Date;
  /** The conversation, if the room is one: its visitor, status and agent. */
  conversation: { visitorUserId: string; status: "queued" | "assigned" | "active" | "closed"; agentUserId: string | null } | null;
  /** When the agent's console last said it was open (null: closed or never). */
  consoleSeenAt: Date | null;
  presenceTtlMs: number;
};

/** Whether to push, to whom, or why not (the per-conversation window is the database's claim). */
export type PushDecision =
  | { send: true; agentUserId: string }
  | { send: false; reason: "not-a-message" | "not-a-conversation" | "not-the-visitor" | "old-event" | "no-agent" | "not-accepted" | "console-open" };

// Events older than this are history replayed at the router's start, not news.
const FRESH_MS = 120_000;

/** Whether the agent's console pinged within the presence TTL. */
export function consoleOpen(seenAt: Date | null, now: Date, ttlMs: number): boolean {
  return seenAt !== null && now.getTime() - seenAt.getTime() < ttlMs;
}

/**
 * Whether a visitor's event should push to the conversation's agent: an
 * encrypted message (the router sees only its type and sender) from the
 * conversation's visitor, recent, in a conversation its agent accepted, while that
 * agent's console is closed (an open console notifies in the page).
 */
export function decideMessagePush(i: MessagePushInput): PushDecision {
  if (i.eventType !== "m.room.encrypted") return { send: false, reason: "not-a-message" };
  const c = i.conversation;
  if (!c) return { send: false, reason: "not-a-conversation" };
  if (i.sender !== c.visitorUserId) return { send: false, reason: "not-the-visitor" };
  if (i.now.getTime() - i.eventAt.getTime() > FRESH_MS) return { send: false, reason: "old-event" };
  if (!c.agentUserId || (c.status !== "assigned" && c.status !== "active")) return { send: false, reason: "no-agent" };
  // Not accepted yet: the assignment's own push ("New conversation") tells the agent; the no-show rule re-routes it.
  if (c.status === "assigned") return { send: false, reason: "not-accepted" };
  if (consoleOpen(i.consoleSeenAt, i.now, i.presenceTtlMs)) return { send: false, reason: "console-open" };
  return { send: true, agentUserId: c.agentUserId };
}
