/** What the router knows when an event arrives in a conversation (metadata only, never content). */
export type ReplyEmailInput = {
  eventType: string;
  sender: string;
  eventAt: Date;
  now: Date;
  visitorUserId: string;
  /** The sender is an agent of ours (in the agents table). */
  senderIsAgent: boolean;
  /** The visitor's consented email contact, if any. */
  contact: { lastOpenAt: Date | null } | null;
  presenceTtlMs: number;
};

/** Why no email goes out, or that one should (the per-window claim is the database's). */
export type ReplyEmailDecision = { send: true } | { send: false; reason: "not-a-message" | "not-an-agent" | "old-event" | "no-consent" | "widget-open" };

// Events older than this are history replayed at the router's start, not a new reply.
const FRESH_MS = 120_000;

/**
 * Whether an agent's event in a conversation should email the visitor: an
 * encrypted message (the router cannot read it, it sees only its type and
 * sender) from an agent, recent, to a visitor who consented and whose widget is
 * not open (no presence ping within the TTL).
 */
export function decideReplyEmail(i: ReplyEmailInput): ReplyEmailDecision {
  if (i.eventType !== "m.room.encrypted") return { send: false, reason: "not-a-message" };
  if (i.sender === i.visitorUserId || !i.senderIsAgent) return { send: false, reason: "not-an-agent" };
  if (i.now.getTime() - i.eventAt.getTime() > FRESH_MS) return { send: false, reason: "old-event" };
  if (!i.contact) return { send: false, reason: "no-consent" };
  const open = i.contact.lastOpenAt && i.now.getTime() - i.contact.lastOpenAt.getTime() < i.presenceTtlMs;
  if (open) return { send: false, reason: "widget-open" };
  return { send: true };
}
