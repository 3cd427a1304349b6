import { MatrixEvent, type Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { PRECHAT_FIELD } from "../conversation/event-types";
import { timelineMessages } from "./timeline-messages";

const roomWith = (events: MatrixEvent[]): Room => ({ getLiveTimeline: () => ({ getEvents: () => events }) }) as unknown as Room;
let n = 0;
const message = (content: Record<string, unknown>): MatrixEvent =>
  new MatrixEvent({ type: "m.room.message", sender: "@agent:hs", event_id: `$e${++n}`, origin_server_ts: n, content });

const file = { url: "mxc://hs/abc", key: { kty: "oct", key_ops: ["encrypt", "decrypt"], alg: "A256CTR", k: "key", ext: true }, iv: "iv", hashes: { sha256: "h" }, v: "v2" };

describe("timelineMessages", () => {
  it("keeps formatted_body only for org.matrix.custom.html", () => {
    const [html, other] = timelineMessages(roomWith([
      message({ msgtype: "m.text", body: "b", format: "org.matrix.custom.html", formatted_body: "<b>b</b>" }),
      message({ msgtype: "m.text", body: "b", format: "something.else", formatted_body: "<b>b</b>" }),
    ]));
    expect(html.html).toBe("<b>b</b>");
    expect(other.html).toBeUndefined();
  });

  it("reads encrypted attachments and skips ones without an mxc EncryptedFile", () => {
    const messages = timelineMessages(roomWith([
      message({ msgtype: "m.image", body: "cat.png", info: { mimetype: "image/png", size: 3 }, file }),
      message({ msgtype: "m.file", body: "plain.pdf", url: "mxc://hs/plain" }),
      message({ msgtype: "m.image", body: "x", file: { ...file, url: "https://evil.example/x" } }),
    ]));
    expect(messages[0].attachment).toEqual({ kind: "image", name: "cat.png", mimetype: "image/png", size: 3, file });
    expect(messages[1].attachment).toBeUndefined();
    expect(messages[2].attachment).toBeUndefined();
  });

  it("marks pre-chat notices and drops unknown message types", () => {
    const messages = timelineMessages(roomWith([
      message({ msgtype: "m.notice", body: "Visitor details: Ada", [PRECHAT_FIELD]: { name: "Ada" } }),
      message({ msgtype: "m.location", body: "here", geo_uri: "geo:0,0" }),
    ]));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ body: "Visitor details: Ada", prechat: true, state: "sent" });
  });
});
