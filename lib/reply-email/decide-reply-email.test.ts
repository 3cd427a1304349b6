import { describe, expect, it } from "vitest";
import { decideReplyEmail, type ReplyEmailInput } from "./decide-reply-email";

const now = new Date("2026-12-06T10:00:00Z");
const base: ReplyEmailInput = {
  eventType: "m.room.encrypted",
  sender: "@agent:hs",
  eventAt: now,
  now,
  visitorUserId: "@visitor-1:hs",
  senderIsAgent: true,
  contact: { lastOpenAt: null },
  presenceTtlMs: 45_000,
};
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("decideReplyEmail", () => {
  it.each<[string, Partial<ReplyEmailInput>, ReturnType<typeof decideReplyEmail>]>([
    ["an agent's message to a visitor whose widget never pinged", {}, { send: true }],
    ["an agent's message after the widget went quiet", { contact: { lastOpenAt: ago(46_000) } }, { send: true }],
    ["the widget is open", { contact: { lastOpenAt: ago(10_000) } }, { send: false, reason: "widget-open" }],
    ["no consent", { contact: null }, { send: false, reason: "no-consent" }],
    ["the visitor's own message", { sender: "@visitor-1:hs" }, { send: false, reason: "not-an-agent" }],
    ["a sender who is not an agent", { senderIsAgent: false }, { send: false, reason: "not-an-agent" }],
    ["a reaction or other plain event", { eventType: "m.reaction" }, { send: false, reason: "not-a-message" }],
    ["history replayed at start", { eventAt: ago(10 * 60_000) }, { send: false, reason: "old-event" }],
  ])("%s", (_name, over, expected) => {
    expect(decideReplyEmail({ ...base, ...over })).toEqual(expected);
  });
});
