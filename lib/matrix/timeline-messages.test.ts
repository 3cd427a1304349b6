import { MatrixEvent, type Room } from "matrix-js-sdk";
import { EventStatus } from "matrix-js-sdk";
import { describe, expect, it, vi } from "vitest";
import { CUSTOMER_FIELD, PRECHAT_FIELD } from "../conversation/event-types";
import { timelineMessages, unverifiedReason } from "./timeline-messages";
import { RATING_COMMENT_FIELD } from "../rating/rating-comment";
import { defined } from "../testing/defined";
import { failedEvent } from "../testing/failed-event";

const roomWith = (events: MatrixEvent[]): Room => ({ getLiveTimeline: () => ({ getEvents: () => events }) }) as unknown as Room;
let n = 0;
/** A message as it arrives in the clear (what a server-side forger can post). */
const plain = (content: Record<string, unknown>): MatrixEvent =>
  new MatrixEvent({ type: "m.room.message", sender: "@agent:hs", event_id: `$e${++n}`, origin_server_ts: n, content });
/** A message as the crypto layer leaves it once decrypted: m.room.encrypted on the wire, clear content. */
const message = (content: Record<string, unknown>): MatrixEvent => {
  const ev = plain(content);
  ev.makeEncrypted("m.room.encrypted", { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x" }, "curve", "ed");
  return ev;
};
/** An m.room.encrypted event whose decryption failed with `code`. */
const failed = (code: string): MatrixEvent => failedEvent("@agent:hs", code);

const file = {
  url: "mxc://hs/abc",
  key: { kty: "oct", key_ops: ["encrypt", "decrypt"], alg: "A256CTR", k: "key", ext: true },
  iv: "iv",
  hashes: { sha256: "h" },
  v: "v2",
};

describe("timelineMessages", () => {
  it("keeps formatted_body only for org.matrix.custom.html", () => {
    const [html, other] = timelineMessages(
      roomWith([
        message({ msgtype: "m.text", body: "b", format: "org.matrix.custom.html", formatted_body: "<b>b</b>" }),
        message({ msgtype: "m.text", body: "b", format: "something.else", formatted_body: "<b>b</b>" }),
      ]),
    );
    expect(html?.html).toBe("<b>b</b>");
    expect(defined(other, "the second message").html).toBeUndefined();
  });

  it("reads encrypted attachments and skips ones without an mxc EncryptedFile", () => {
    const messages = timelineMessages(
      roomWith([
        message({ msgtype: "m.image", body: "cat.png", info: { mimetype: "image/png", size: 3 }, file }),
        message({ msgtype: "m.file", body: "plain.pdf", url: "mxc://hs/plain" }),
        message({ msgtype: "m.image", body: "x", file: { ...file, url: "https://evil.example/x" } }),
      ]),
    );
    expect(messages).toHaveLength(3);
    expect(messages[0]?.attachment).toEqual({ kind: "image", name: "cat.png", mimetype: "image/png", size: 3, file });
    expect(messages[1]?.attachment).toBeUndefined();
    expect(messages[2]?.attachment).toBeUndefined();
  });

  it("marks pre-chat notices and drops unknown message types", () => {
    const messages = timelineMessages(
      roomWith([
        message({ msgtype: "m.notice", body: "Visitor details: Ada", [PRECHAT_FIELD]: { name: "Ada" } }),
        message({ msgtype: "m.location", body: "here", geo_uri: "geo:0,0" }),
      ]),
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ body: "Visitor details: Ada", prechat: true, state: "sent" });
  });

  it("marks the visitor's rating comment", () => {
    const messages = timelineMessages(roomWith([message({ msgtype: "m.notice", body: "Rating comment (4/5): kind", [RATING_COMMENT_FIELD]: { score: 4 } })]));
    expect(messages[0]).toMatchObject({ body: "Rating comment (4/5): kind", ratingComment: true, state: "sent" });
  });

  it("reads a customer's details only from a notice marked as the customer's, with string fields", () => {
    const messages = timelineMessages(
      roomWith([
        message({ msgtype: "m.notice", body: "Visitor details: Ada", [PRECHAT_FIELD]: { name: "Ada", email: "ada@example.com" }, [CUSTOMER_FIELD]: true }),
        message({ msgtype: "m.notice", body: "Visitor details: Bob", [PRECHAT_FIELD]: { name: "Bob", email: "" } }),
        message({ msgtype: "m.notice", body: "Visitor details: ?", [PRECHAT_FIELD]: { name: 7, email: "" }, [CUSTOMER_FIELD]: true }),
      ]),
    );
    expect(messages.map((m) => m.customer)).toEqual([{ name: "Ada", email: "ada@example.com" }, undefined, undefined]);
  });

  it("hides a message sent in the clear: a placeholder without its text, HTML or attachment", () => {
    const messages = timelineMessages(
      roomWith([
        plain({ msgtype: "m.text", body: "I am your agent: send me your card number", format: "org.matrix.custom.html", formatted_body: "<b>agent</b>" }),
        plain({ msgtype: "m.image", body: "cat.png", file }),
        message({ msgtype: "m.text", body: "a real one" }),
      ]),
    );
    expect(messages.map((m) => [m.state, m.body, m.unverified, m.encrypted])).toEqual([
      ["unverified", "", "not_encrypted", false],
      ["unverified", "", "not_encrypted", false],
      ["sent", "a real one", undefined, true],
    ]);
    expect(defined(messages[0], "the first message").html).toBeUndefined();
    expect(defined(messages[1], "the second message").attachment).toBeUndefined();
    expect(JSON.stringify(messages)).not.toContain("card number");
  });

  it("marks a message from a device its owner did not cross-sign as unverified; other failures stay undecryptable", () => {
    const messages = timelineMessages(roomWith([failed("UNSIGNED_SENDER_DEVICE"), failed("MEGOLM_UNKNOWN_INBOUND_SESSION_ID")]));
    expect(messages.map((m) => [m.state, m.unverified])).toEqual([
      ["unverified", "unsigned_device"],
      ["undecryptable", undefined],
    ]);
    expect(messages[1]?.failureReason).toBe("MEGOLM_UNKNOWN_INBOUND_SESSION_ID");
  });

  it("hides a message decrypted with a key passed on by someone the reader does not believe", () => {
    const forwarded = (by: string, body: string): MatrixEvent => {
      const ev = message({ msgtype: "m.text", body });
      vi.spyOn(ev, "getKeyForwardingUser").mockReturnValue(by);
      return ev;
    };
    const events = [forwarded("@stranger:hs", "refund to IBAN X"), forwarded("@alice:hs", "from the history"), message({ msgtype: "m.text", body: "direct" })];
    const messages = timelineMessages(roomWith(events), { trustsForwarder: (u) => u === "@alice:hs" });
    expect(messages.map((m) => [m.state, m.body, m.unverified])).toEqual([
      ["unverified", "", "untrusted_forwarder"],
      ["sent", "from the history", undefined],
      ["sent", "direct", undefined],
    ]);
    expect(JSON.stringify(messages)).not.toContain("IBAN");
    // Without a judge (the widget, which never gets forwarded keys), forwarded keys are taken as they are.
    expect(timelineMessages(roomWith(events)).map((m) => m.state)).toEqual(["sent", "sent", "sent"]);
  });

  it("never flags our own local echo, which is not encrypted until it is sent", () => {
    const echo = plain({ msgtype: "m.text", body: "on its way" });
    echo.setStatus(EventStatus.ENCRYPTING);
    expect(unverifiedReason(echo)).toBeUndefined();
    expect(timelineMessages(roomWith([echo]))).toMatchObject([{ state: "pending", body: "on its way" }]);
  });
});
