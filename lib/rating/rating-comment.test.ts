import { describe, expect, it } from "vitest";
import { RATING_COMMENT_FIELD, RATING_COMMENT_MAX, ratingCommentContent } from "./rating-comment";

describe("ratingCommentContent", () => {
  it.each<[string, string, string | null]>([
    ["a comment", "Quick and kind", "Rating comment (4/5): Quick and kind"],
    ["trimmed", "  fine \n", "Rating comment (4/5): fine"],
    ["empty: nothing to send", "", null],
    ["blank: nothing to send", "   \n ", null],
  ])("%s", (_name, comment, body) => {
    expect(ratingCommentContent(comment, 4)?.body ?? null).toBe(body);
  });

  it("is a marked m.notice carrying the score", () => {
    expect(ratingCommentContent("ok", 2)).toEqual({ msgtype: "m.notice", body: "Rating comment (2/5): ok", [RATING_COMMENT_FIELD]: { score: 2 } });
  });

  it("cuts an overlong comment", () => {
    const body = ratingCommentContent("x".repeat(RATING_COMMENT_MAX + 50), 5)!.body;
    expect(body.length).toBe("Rating comment (5/5): ".length + RATING_COMMENT_MAX);
  });
});
