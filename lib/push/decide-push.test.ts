import { describe, expect, it } from "vitest";
import { decideMessagePush, type MessagePushInput } from "./decide-push";

const now = new Date("2026-12-06T10:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const base: MessagePushInput = {
  eventType: "m.room.encrypted",
  sender: "@visitor-1:hs",
  eventAt: now,
  now,
  conversation: { visitorUserId: "@visitor-1:hs", status: "active", agentUserId: "@agent:hs" },
  consoleSeenAt: null,
  presenceTtlMs: 90_000,
};

describe("decideMessagePush", () => {
  it.each<[string, Partial<MessagePushInput>, ReturnType<typeof decideMessagePush>]>([
    ["the visitor writes, the agent's console is closed", {}, { send: true, agentUserId: "@agent:hs" }],
    [
      "assigned, not yet accepted: the assignment's push tells",
      { conversation: { ...base.conversation!, status: "assigned" } },
      { send: false, reason: "not-accepted" },
    ],
    ["the console went quiet", { consoleSeenAt: ago(91_000) }, { send: true, agentUserId: "@agent:hs" }],
    ["the console is open", { consoleSeenAt: ago(10_000) }, { send: false, reason: "console-open" }],
    ["the agent's own message", { sender: "@agent:hs" }, { send: false, reason: "not-the-visitor" }],
    ["a room that is no conversation", { conversation: null }, { send: false, reason: "not-a-conversation" }],
    ["queued: nobody to tell", { conversation: { ...base.conversation!, status: "queued", agentUserId: null } }, { send: false, reason: "no-agent" }],
    ["closed", { conversation: { ...base.conversation!, status: "closed" } }, { send: false, reason: "no-agent" }],
    ["a plain event (reaction, receipt)", { eventType: "m.reaction" }, { send: false, reason: "not-a-message" }],
    ["history replayed at the router's start", { eventAt: ago(10 * 60_000) }, { send: false, reason: "old-event" }],
  ])("%s", (_name, over, expected) => {
    expect(decideMessagePush({ ...base, ...over })).toEqual(expected);
  });
});
