// zod/mini: tree-shakable, so the widget's bundle carries only what it uses.
import * as z from "zod/mini";
import { matrixUserIdSchema as userId } from "../matrix/user-id";
import { isValidTimeZone } from "./visitor-time";

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

/**
 * State event (state key "") of an agents-only notes room: which conversation
 * it belongs to (`conversation_room_id`). Internal notes never go in the
 * conversation's own room, whose Megolm keys are shared with the visitor.
 */
export const NOTES_EVENT = "org.sealdesk.notes";

/** State event (state key "") the visitor's widget writes to end the conversation. */
export const VISITOR_CLOSED_EVENT = "org.sealdesk.visitor_closed";

/**
 * A routing decision taken before any reader is in the room (see `POST
 * /api/visitor/conversations`): the visitor invites these readers into the room
 * it prepared. `sig` is the app's HMAC over it, so the homeserver can check that
 * the visitor invites only whom routing chose; the router checks its database.
 * (Tickets without `room_id`, for a room created with its readers, are no
 * longer issued; Synapse's module and the router still accept unexpired ones.)
 */
export const routingTicketSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/)),
  readers: z.array(userId).check(z.maxLength(100)),
  expires_at: z.int().check(z.nonnegative()),
  sig: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/)),
  /** The room the visitor prepared, the ticket bound to it (signature v2); every ticket the app issues has it. */
  room_id: z.optional(z.string().check(z.regex(/^![A-Za-z0-9._~+/=:-]{1,255}$/))),
});
/** Parsed routing ticket. */
export type RoutingTicket = z.infer<typeof routingTicketSchema>;
/**
 * Field of the m.room.member invite a visitor sends into its prepared room:
 * the room-bound routing ticket that names the invitee as a reader. Synapse's
 * confinement module lets the visitor invite exactly the ticket's readers.
 */
export const INVITE_TICKET_FIELD = "org.sealdesk.routing_ticket";
/**
 * Field of an encrypted m.notice carrying the visitor's optional pre-chat
 * answers (`{ name?, email? }`). They travel only inside the room, end-to-end
 * encrypted; our server never sees or stores them. The notice's `body` states
 * them in words, so any Matrix client shows them.
 */
export const PRECHAT_FIELD = "org.sealdesk.prechat";

/**
 * Set (true) on the pre-chat notice a verified customer's widget sends with the
 * name and email of the host site's token. A claim of the sender only: the
 * console shows the "verified customer" mark when the app confirms the account.
 */
export const CUSTOMER_FIELD = "org.sealdesk.customer";

/** Content of {@link CONVERSATION_EVENT}. */
export const conversationContentSchema = z.object({
  site_id: z.string().check(z.minLength(1), z.maxLength(64)),
  page_url: z.optional(z.string().check(z.maxLength(2048))),
  language: z.optional(z.string().check(z.maxLength(35))),
  /** The visitor's IANA time zone (metadata the server sees, like the language). */
  time_zone: z.optional(z.string().check(z.maxLength(64), z.refine(isValidTimeZone, "must be an IANA time zone"))),
  routing_ticket: z.optional(routingTicketSchema),
  /**
   * The widget prepared the room before the visitor wrote anything: the router
   * does not route it until the visitor starts it with a ticket bound to it
   * (see {@link INVITE_TICKET_FIELD}).
   */
  prepared: z.optional(z.literal(true)),
});
/** Parsed {@link CONVERSATION_EVENT} content. */
export type ConversationContent = z.infer<typeof conversationContentSchema>;

/** A Matrix room id: `!opaque:server`, or `!hash` in room version 12 (no server part). */
export const roomIdSchema = z.string().check(z.regex(/^![A-Za-z0-9._~+/=:-]{1,255}$/, "must be a Matrix room id"));

/** Content of {@link ROUTING_EVENT}. */
export const routingContentSchema = z.object({
  status: z.enum(["queued", "assigned", "active", "closed"]),
  agent_user_id: z.optional(userId),
  agent_display_name: z.optional(z.string().check(z.maxLength(256))),
  /** Who should hold the room keys now: while unclaimed, the whole team; then the agent. */
  readers: z.array(userId).check(z.maxLength(500)),
  /**
   * The readers (a subset of `readers`) who read as supervisors of the
   * conversation's team `team_id`, not because routing chose them: key holders
   * invite them only if the signed roster says they supervise that team.
   */
  supervisors: z.optional(z.array(userId).check(z.maxLength(500))),
  /** The conversation's team, set with `supervisors`. */
  team_id: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  closed_reason: z.optional(z.enum(["agent", "visitor", "inactivity"])),
  updated_at: z.int().check(z.nonnegative()),
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
    [NOTES_EVENT]: { conversation_room_id: string };
  }
}
