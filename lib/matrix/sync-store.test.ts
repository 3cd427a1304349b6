import { describe, expect, it } from "vitest";
import { CONSOLE_SYNC_FILTER, isLiveSync, syncStoreName } from "./sync-store";

describe("isLiveSync", () => {
  it.each([
    ["PREPARED", { fromCache: true }, false],
    ["PREPARED", { fromCache: false }, true],
    ["PREPARED", {}, true],
    ["PREPARED", undefined, true],
    ["SYNCING", undefined, true],
    ["SYNCING", { fromCache: false }, true],
    ["ERROR", undefined, false],
    ["RECONNECTING", undefined, false],
    ["CATCHUP", undefined, false],
    ["STOPPED", undefined, false],
  ])("%s %j -> %s", (state, data, expected) => {
    expect(isLiveSync(state, data)).toBe(expected);
  });
});

describe("syncStoreName", () => {
  it("differs per app, account and device", () => {
    const names = [
      syncStoreName("sealdesk-console", "@a:hs", "DEV1"),
      syncStoreName("sealdesk-console", "@a:hs", "DEV2"),
      syncStoreName("sealdesk-console", "@b:hs", "DEV1"),
      syncStoreName("sealdesk-widget", "@a:hs", "DEV1"),
    ];
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe("sealdesk-console-sync:@a:hs:DEV1");
  });
});

describe("CONSOLE_SYNC_FILTER", () => {
  it("drops presence and keeps every member (no lazy loading)", () => {
    expect(CONSOLE_SYNC_FILTER.presence).toEqual({ not_types: ["*"] });
    expect(CONSOLE_SYNC_FILTER.room?.state?.lazy_load_members).toBe(false);
    expect(CONSOLE_SYNC_FILTER.room?.timeline?.lazy_load_members).toBe(false);
  });

  it("filters no room event type, ephemeral (typing, receipts) or account data", () => {
    const room = CONSOLE_SYNC_FILTER.room ?? {};
    expect(room.ephemeral).toBeUndefined();
    expect(room.account_data).toBeUndefined();
    expect(room.state?.types ?? room.state?.not_types).toBeUndefined();
    expect(room.timeline?.types ?? room.timeline?.not_types).toBeUndefined();
    expect(CONSOLE_SYNC_FILTER.account_data).toBeUndefined();
  });
});
