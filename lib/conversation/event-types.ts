import { z } from "zod";

/**
 * State event (state key "") that marks a room as a support conversation and
 * carries its context. Written by the visitor's widget at room creation.
 */
export const CONVERSATION_EVENT = "org.sealdesk.conversation";

/**
 * State event (state key "") written by the router: which agent the
 * conversation is assigned to. The widget reacts by inviting that agent with
 * history sharing (MSC4268), because only the widget holds the room keys.
 */
export const ASSIGNMENT_EVENT = "org.sealdesk.assignment";

/** Content of {@link CONVERSATION_EVENT}. */
export const conversationContentSchema = z.object({
  site_id: z.string().min(1).max(64),
  page_url: z.string().max(2048).optional(),
  language: z.string().max(35).optional(),
});
/** Parsed {@link CONVERSATION_EVENT} content. */
export type ConversationContent = z.infer<typeof conversationContentSchema>;

/** Content of {@link ASSIGNMENT_EVENT}. */
export const assignmentContentSchema = z.object({
  agent_user_id: z.string().regex(/^@[^:]+:.+$/),
  agent_display_name: z.string().max(256).optional(),
  assigned_at: z.number().int().nonnegative(),
});
/** Parsed {@link ASSIGNMENT_EVENT} content. */
export type AssignmentContent = z.infer<typeof assignmentContentSchema>;

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
    [ASSIGNMENT_EVENT]: AssignmentContent;
  }
}
