import { z } from "zod";
import { roomIdSchema } from "../conversation/event-types";
import { RATING_MAX, RATING_MIN } from "./rating-scale";

/**
 * Body of `POST /api/visitor/rating`: the conversation and its score, nothing
 * else (strict: a comment sent here is refused, it belongs in the encrypted room).
 */
export const ratingBodySchema = z.strictObject({
  room_id: roomIdSchema,
  score: z.int().min(RATING_MIN).max(RATING_MAX),
});

/** Parsed {@link ratingBodySchema}. */
export type RatingBody = z.infer<typeof ratingBodySchema>;

/** What the service found about the conversation being rated. */
export type RatingFacts = {
  /** The visitor asking (from their Matrix token). */
  caller: string;
  /** The conversation's row, or null when there is none. */
  conversation: { visitorUserId: string; status: string } | null;
  /** A rating is already stored for it. */
  alreadyRated: boolean;
};

/** Why a rating is refused: an HTTP status and a message the widget shows. */
export type RatingRefusal = { status: number; message: string };

/**
 * Whether a visitor may rate a conversation: only their own (another
 * visitor's conversation is "not found", so its existence is not disclosed),
 * only once it is closed, and only once. Pure; null means "store it".
 */
export function ratingRefusal(f: RatingFacts): RatingRefusal | null {
  if (!f.conversation || f.conversation.visitorUserId !== f.caller) return { status: 404, message: "No such conversation of yours" };
  if (f.conversation.status !== "closed") return { status: 409, message: "The conversation is still open: rate it once it has ended" };
  if (f.alreadyRated) return { status: 409, message: "This conversation has already been rated" };
  return null;
}
