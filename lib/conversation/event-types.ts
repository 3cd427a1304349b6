import { z } from "zod";

/**
 * State event (state key "") that marks a room as a support conversation and
 * carries its context. Written by the visitor's widget at room creation.
 */
export const CONVERSATION_EVENT = "org.sealdesk.conversation";

/**
 * State event (state key "") that only the router writes: where the
 * conversation stands and who should be able to read it. Key holders (the
 * visitor's widget, agents who have joined) invite every listed reader, with
 * history sharing (MSC4268), because the router holds no room key itself.
 */
export const ROUTING_EVENT = "org.sealdesk.routing";

/** State event (state key "") the visitor's widget writes to end the conversation. */
export const VISITOR_CLOSED_EVENT = "org.sealdesk.visitor_closed";

/**
 * Field of an encrypted m.notice carrying the visitor's optional pre-chat
 * answers (`{ name?, email? }`). They travel only inside the room, end-to-end
 * encrypted; our server never sees or stores them. The notice's `body` states
 * them in words, so any Matrix client shows them.
 */
export const PRECHAT_FIELD = "org.sealdesk.prechat";

/** Content of {@link CONVERSATION_EVENT}. */
export const conversationContentSchema = z.object({
  site_id: z.string().min(1).max(64),
  page_url: z.string().max(2048).optional(),
  language: z.string().max(35).optional(),
});
/** Parsed {@link CONVERSATION_EVENT} content. */
export type ConversationContent = z.infer<typeof conversationContentSchema>;

const userId = z.string().regex(/^@[^:]+:.+$/);

/** A Matrix room id: `!opaque:server`, or `!hash` in room version 12 (no server part). */
export const roomIdSchema = z.string().regex(/^![A-Za-z0-9._~+/=:-]{1,255}$/, "must be a Matrix room id");

/** Content of {@link ROUTING_EVENT}. */
export const routingContentSchema = z.object({
  status: z.enum(["queued", "assigned", "active", "closed"]),
  agent_user_id: userId.optional(),
  agent_display_name: z.string().max(256).optional(),
  /** Who should hold the room keys now: while unclaimed, the whole team; then the agent. */
  readers: z.array(userId).max(500),
  closed_reason: z.enum(["agent", "visitor", "inactivity"]).optional(),
  updated_at: z.number().int().nonnegative(),
});
/** Parsed {@link ROUTING_EVENT} content. */
export type RoutingContent = z.infer<typeof routingContentSchema>;

/** Localpart prefix of provisioned visitor accounts. */
export const VISITOR_LOCALPART_PREFIX = "visitor-";

/** True when a Matrix user id belongs to a provisioned visitor account. */
export function isVisitorUserId(userId: string): boolean {
  return userId.startsWith(`@${VISITOR_LOCALPART_PREFIX}`);
}

// Type the custom state events for matrix-js-sdk's sendStateEvent/getStateEvents.
declare module "matrix-js-sdk/lib/types" {
  interface StateEvents {
    [CONVERSATION_EVENT]: ConversationContent;
    [ROUTING_EVENT]: RoutingContent;
    [VISITOR_CLOSED_EVENT]: { closed_at: number };
  }
}
