import { describe, expect, it } from "vitest";
import { selectConversations, supervisedRoomIds, unreadInMine, type RoomSummary, type InboxView } from "./room-summary";

const s = (roomId: string, over: Partial<RoomSummary> = {}): RoomSummary => ({
  roomId,
  conversation: true,
  title: `Visitor ${roomId}`,
  site: "shop",
  closed: false,
  lastActive: 0,
  unread: 0,
  ...over,
});
const all = [
  s("a", { lastActive: 1, unread: 2 }),
  s("b", { lastActive: 3, unread: 1, site: "docs" }),
  s("c", { lastActive: 2, closed: true, unread: 5 }),
  s("n", { conversation: false, lastActive: 9, unread: 7 }),
];
const bodies = (roomId: string) => (roomId === "a" ? ["Where is my parcel?"] : []);

describe("selectConversations", () => {
  it.each<[InboxView, string, string[]]>([
    ["mine", "", ["b", "a"]],
    ["queue", "", ["b", "a"]],
    ["closed", "", ["c"]],
    ["mine", "DOCS", ["b"]],
    ["mine", " parcel ", ["a"]],
    ["mine", "visitor", ["b", "a"]],
    ["closed", "parcel", []],
    ["mine", "nothing", []],
  ])("%s view, query %j: %j (newest first, rooms without a marker never)", (view, query, ids) => {
    expect(selectConversations(all, view, query, bodies).map((x) => x.roomId)).toEqual(ids);
  });

  it("asks for the texts only when a query is typed and the label does not match", () => {
    const asked: string[] = [];
    selectConversations(all, "mine", "", (id) => (asked.push(id), []));
    selectConversations(all, "mine", "shop", (id) => (asked.push(id), []));
    // "b" is on the docs site: only its texts were asked for.
    expect(asked).toEqual(["b"]);
  });
});

describe("unreadInMine", () => {
  it.each<[string | null, number]>([
    [null, 3],
    ["a", 1],
    ["c", 3],
  ])("with %j on screen: %i", (selected, n) => {
    expect(unreadInMine(all, selected)).toBe(n);
  });
});

describe("supervisedRoomIds", () => {
  it.each<[string, { roomId: string; agentUserId: string | null }[] | null, string[]]>([
    ["not loaded yet: none", null, []],
    [
      "a colleague's conversation and a queued one are supervised",
      [
        { roomId: "!a", agentUserId: "@b:x" },
        { roomId: "!q", agentUserId: null },
      ],
      ["!a", "!q"],
    ],
    ["the supervisor's own conversation stays in Mine", [{ roomId: "!m", agentUserId: "@me:x" }], []],
  ])("%s", (_name, rows, ids) => expect([...supervisedRoomIds(rows, "@me:x")]).toEqual(ids));
});
