/**
 * Field of the encrypted m.notice carrying the visitor's rating comment. The
 * comment travels only inside the room, end-to-end encrypted (the score goes to
 * our server as disclosed metadata, the comment never does). `body` states it in
 * words, so any Matrix client (Element) shows it as a rating comment too.
 */
export const RATING_COMMENT_FIELD = "org.sealdesk.rating_comment";

/** The longest comment the widget sends (characters). */
export const RATING_COMMENT_MAX = 2000;

/** The label that starts a rating comment's body (English: agents' clients read it). */
export const RATING_COMMENT_LABEL = "Rating comment";

/** Content of the encrypted rating comment: an m.notice, marked, with the score the visitor gave. */
export type RatingCommentContent = {
  msgtype: "m.notice";
  body: string;
  [RATING_COMMENT_FIELD]: { score: number };
};

/** Builds the rating comment's event content (trimmed, at most {@link RATING_COMMENT_MAX} characters); null when there is nothing to send. */
export function ratingCommentContent(comment: string, score: number): RatingCommentContent | null {
  const text = comment.trim().slice(0, RATING_COMMENT_MAX);
  if (!text) return null;
  return { msgtype: "m.notice", body: `${RATING_COMMENT_LABEL} (${score}/5): ${text}`, [RATING_COMMENT_FIELD]: { score } };
}
