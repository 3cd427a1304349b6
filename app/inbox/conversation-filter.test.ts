import { MatrixEvent, type MatrixClient, type Room } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { failedEvent } from "../../lib/testing/failed-event";
import { unreadCount } from "./conversation-filter";

let n = 0;
const plain = (sender: string): MatrixEvent =>
  new MatrixEvent({ type: "m.room.message", sender, event_id: `$e${++n}`, origin_server_ts: n, content: { msgtype: "m.text", body: `text ${n}` } });
const encrypted = (sender: string): MatrixEvent => {
  const ev = plain(sender);
  ev.makeEncrypted("m.room.encrypted", { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x" }, "curve", "ed");
  return ev;
};
const failed = failedEvent;

const me = "@agent:hs";
const client = { getSafeUserId: () => me } as unknown as MatrixClient;
const roomWith = (events: MatrixEvent[], readUpTo: string | null): Room =>
  ({ getLiveTimeline: () => ({ getEvents: () => events }), getEventReadUpTo: () => readUpTo }) as unknown as Room;

describe("unreadCount", () => {
  it("counts others' messages after the read receipt, also undecryptable ones, but not unverified ones", () => {
    const read = encrypted("@visitor-1:hs");
    const events = [
      read,
      encrypted("@visitor-1:hs"),
      failed("@visitor-1:hs", "MEGOLM_UNKNOWN_INBOUND_SESSION_ID"),
      encrypted(me),
      plain("@visitor-1:hs"), // posted in the clear: forged by whoever holds a token
      failed("@visitor-1:hs", "UNSIGNED_SENDER_DEVICE"), // from a device its owner never cross-signed
    ];
    expect(unreadCount(client, roomWith(events, read.getId()!))).toBe(2);
    expect(unreadCount(client, roomWith(events, null))).toBe(3);
  });
});
