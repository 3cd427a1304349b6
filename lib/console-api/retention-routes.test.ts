import { describe, expect, it } from "vitest";
import { ackErasedRoomsRoute, eraseVisitorRoute, setSiteRetentionRoute } from "./retention-routes";

describe("retention and erasure request bodies (parsed by the API routes)", () => {
  it.each([
    [setSiteRetentionRoute.body, { siteId: "demo", retentionDays: 0 }],
    [setSiteRetentionRoute.body, { siteId: "demo", retentionDays: 3650 }],
    [eraseVisitorRoute.body, { user_id: "@visitor-abc:example.org" }],
    [ackErasedRoomsRoute.body, { roomIds: ["!a:example.org"] }],
  ])("accepts %#", (schema, value) => {
    expect(schema.safeParse(value).success).toBe(true);
  });

  it.each([
    ["a negative retention", setSiteRetentionRoute.body, { siteId: "demo", retentionDays: -1 }],
    ["a fractional retention", setSiteRetentionRoute.body, { siteId: "demo", retentionDays: 1.5 }],
    ["over ten years", setSiteRetentionRoute.body, { siteId: "demo", retentionDays: 3651 }],
    ["an extra field", setSiteRetentionRoute.body, { siteId: "demo", retentionDays: 7, extra: 1 }],
    ["an erase without user id", eraseVisitorRoute.body, {}],
    ["an erase of a non-user", eraseVisitorRoute.body, { user_id: "visitor" }],
    ["an empty acknowledgement", ackErasedRoomsRoute.body, { roomIds: [] }],
    ["a non-room acknowledged", ackErasedRoomsRoute.body, { roomIds: ["not a room"] }],
    ["501 rooms at once", ackErasedRoomsRoute.body, { roomIds: Array.from({ length: 501 }, (_, i) => `!r${i}:x`) }],
  ])("rejects %s", (_what, schema, value) => {
    expect(schema.safeParse(value).success).toBe(false);
  });
});
