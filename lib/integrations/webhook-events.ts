import { z } from "zod";

/**
 * Every event a webhook endpoint can subscribe to. `conversation.rated` is
 * emitted with the score by `lib/rating/record-rating.ts`, in the transaction
 * that stores the rating.
 */
export const WEBHOOK_EVENTS = [
  "conversation.started",
  "conversation.assigned",
  "conversation.transferred",
  "conversation.closed",
  "conversation.reopened",
  "conversation.rated",
] as const;

/** One event type. */
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The zod schema of an event type. */
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS);
