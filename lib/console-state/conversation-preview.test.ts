import { describe, expect, it } from "vitest";
import { conversationPreview, firstLine, waitingOn, type PreviewMessage } from "./conversation-preview";

const me = "@me:x";
const visitor = "@visitor-1:x";
const isVisitor = (u: string) => u.startsWith("@visitor-");
const msg = (over: Partial<PreviewMessage>): PreviewMessage => ({ sender: visitor, body: "Hello", timestamp: 1, state: "sent", ...over });

describe("conversationPreview", () => {
  it.each<[string, PreviewMessage[], ReturnType<typeof conversationPreview>]>([
    ["nothing yet", [], null],
    ["the visitor's text", [msg({ body: "Where is my order?", timestamp: 5 })], { text: "Where is my order?", from: "visitor", timestamp: 5 }],
    ["only the first line", [msg({ body: "\n  First line \nsecond" })], { text: "First line", from: "visitor", timestamp: 1 }],
    ["my reply, the newest", [msg({}), msg({ sender: me, body: "On its way", timestamp: 2 })], { text: "On its way", from: "me", timestamp: 2 }],
    ["a colleague's reply", [msg({ sender: "@bob:x", body: "Hi" })], { text: "Hi", from: "colleague", timestamp: 1 }],
    ["a file", [msg({ body: "invoice.pdf", attachment: { name: "invoice.pdf" } })], { text: "📎 invoice.pdf", from: "visitor", timestamp: 1 }],
    ["an undecryptable message", [msg({ state: "undecryptable", body: "" })], { text: "Encrypted message", from: "visitor", timestamp: 1 }],
    ["a message being decrypted", [msg({ state: "decrypting", body: "" })], { text: "Encrypted message", from: "visitor", timestamp: 1 }],
    [
      "not a hidden forged message",
      [msg({ body: "real", timestamp: 1 }), msg({ state: "unverified", body: "", timestamp: 9 })],
      { text: "real", from: "visitor", timestamp: 1 },
    ],
    ["not the pre-chat notice", [msg({ body: "Name: Ada", prechat: true })], null],
  ])("%s", (_what, messages, expected) => {
    expect(conversationPreview(messages, me, isVisitor)).toEqual(expected);
  });
});

describe("firstLine", () => {
  it("cuts a long line with an ellipsis", () => {
    const cut = firstLine("a".repeat(500));
    expect(cut).toHaveLength(120);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("waitingOn", () => {
  it.each([
    ["visitor", "us"],
    ["me", "visitor"],
    ["colleague", "visitor"],
    [null, null],
  ] as const)("after %s: %s", (from, expected) => {
    expect(waitingOn(from)).toBe(expected);
  });
});
