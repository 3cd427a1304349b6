import { describe, expect, it } from "vitest";
import { pushNotificationText, pushPayload, pushPayloadSchema } from "./push-payload";

const room = "!abc:hs.example";
const event = "$evt123";

describe("pushPayload", () => {
  it("carries ids, the kind and the site's name, and nothing else", () => {
    const json: unknown = JSON.parse(pushPayload({ kind: "message", roomId: room, eventId: event, site: "Shop" }));
    expect(json).toEqual({ v: 1, kind: "message", roomId: room, eventId: event, site: "Shop" });
  });

  it("drops any field a caller adds (the type has no room for content; the schema refuses the rest)", () => {
    const sneaky = { kind: "assigned" as const, roomId: room, site: "Shop", body: "my card number is 4111", text: "secret" };
    const text = pushPayload(sneaky);
    expect(text).not.toContain("4111");
    expect(text).not.toContain("secret");
    expect(Object.keys(JSON.parse(text) as object).sort()).toEqual(["eventId", "kind", "roomId", "site", "v"]);
  });

  it.each([
    ["a room id that is not one", { kind: "assigned" as const, roomId: "hello visitor text", site: "S" }],
    ["an event id that is not one", { kind: "message" as const, roomId: room, eventId: "plain words", site: "S" }],
  ])("refuses %s", (_name, input) => {
    expect(() => pushPayload(input)).toThrow();
  });

  it("cuts a long site name and stays small", () => {
    const text = pushPayload({ kind: "assigned", roomId: room, site: "x".repeat(500) });
    expect(pushPayloadSchema.parse(JSON.parse(text)).site).toHaveLength(120);
    expect(text.length).toBeLessThan(1024);
  });
});

describe("pushNotificationText", () => {
  it.each([
    ["assigned", "Shop", "New conversation", "A visitor on Shop is waiting for your answer."],
    ["message", "Shop", "New message", "A visitor on Shop wrote to you. Open Sealdesk to read it."],
    ["assigned", "", "New conversation", "A visitor on your website is waiting for your answer."],
  ] as const)("%s on %j", (kind, site, title, body) => {
    expect(pushNotificationText({ kind, site })).toEqual({ title, body });
  });
});
