import type { WebhookEventType } from "./webhook-events";

/** The conversation's metadata as our database holds it (a row of `conversations`, or more: extra fields are ignored). */
export type ConversationFacts = {
  roomId: string;
  siteId: string;
  visitorUserId: string;
  teamId: string | null;
  agentUserId: string | null;
  status: string;
  createdAt: Date;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  closedAt: Date | null;
  closedReason: string | null;
};

/** What an event adds to the conversation's state: a transfer's origin, a rating's score. */
export type EventDetails = { fromAgentId?: string | null; fromTeamId?: string | null; score?: number };

/** The metadata a receiver gets about a conversation: ids, times, status. No message text exists here to send. */
export type WebhookConversation = {
  id: string;
  site_id: string;
  team_id: string | null;
  visitor_id: string;
  agent_id: string | null;
  status: string;
  started_at: string;
  assigned_at: string | null;
  accepted_at: string | null;
  closed_at: string | null;
  closed_reason: string | null;
};

/** The JSON body of a delivery. */
export type WebhookPayload = {
  /** Unique per event (the same for every endpoint and every retry): receivers de-duplicate with it. */
  id: string;
  type: WebhookEventType;
  created_at: string;
  conversation: WebhookConversation;
  /** Only for `conversation.transferred`. */
  transfer?: { from_agent_id: string | null; from_team_id: string | null };
  /** Only for `conversation.rated`. */
  rating?: { score: number };
};

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/**
 * Builds an event's payload from the conversation's metadata. Every field is
 * picked by name (an allow-list): whatever else the row holds never reaches a
 * receiver.
 */
export function webhookPayload(id: string, type: WebhookEventType, at: Date, c: ConversationFacts, details: EventDetails = {}): WebhookPayload {
  const payload: WebhookPayload = {
    id,
    type,
    created_at: at.toISOString(),
    conversation: {
      id: c.roomId,
      site_id: c.siteId,
      team_id: c.teamId,
      visitor_id: c.visitorUserId,
      agent_id: c.agentUserId,
      status: c.status,
      started_at: c.createdAt.toISOString(),
      assigned_at: iso(c.assignedAt),
      accepted_at: iso(c.acceptedAt),
      closed_at: iso(c.closedAt),
      closed_reason: c.closedReason,
    },
  };
  if (type === "conversation.transferred") payload.transfer = { from_agent_id: details.fromAgentId ?? null, from_team_id: details.fromTeamId ?? null };
  if (type === "conversation.rated" && typeof details.score === "number") payload.rating = { score: details.score };
  return payload;
}
