import { describe, expect, it } from "vitest";
import { auditCsv, csvField } from "./audit-csv";
import type { ConversationAudit } from "./types";

describe("auditCsv", () => {
  it.each([
    ["@alice:hs", '"@alice:hs"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ["@SUM(1)", '"\'@SUM(1)"'],
    // A device id that looks like a historical user id is still escaped: only the current grammar is taken for a user id.
    ["@SUM(1+1):hs", '"\'@SUM(1+1):hs"'],
    ["-1", '"\'-1"'],
  ])("field %s → %s", (value, out) => expect(csvField(value)).toBe(out));

  it("writes one row per member × device with the alerts that concern it", () => {
    const audit = {
      roomId: "!r:hs",
      members: [
        {
          userId: "@a:hs",
          role: "agent",
          membership: "join",
          onRoster: true,
          masterKey: "MK",
          devices: [
            { deviceId: "D1", status: "cross-signed", eligible: true, present: true },
            { deviceId: "D2", status: "not cross-signed", eligible: false, present: true },
          ],
        },
        { userId: "@s:hs", role: "unknown", membership: "join", onRoster: false, masterKey: null, devices: [] },
      ],
      alerts: [
        { kind: "unsigned_device", userId: "@a:hs", deviceId: "D2", message: "D2 unsigned" },
        { kind: "unexpected_member", userId: "@s:hs", message: "stranger" },
        { kind: "not_on_roster", userId: "@s:hs", message: "not rostered" },
      ],
    } as unknown as ConversationAudit;
    const lines = auditCsv([{ siteId: "demo", visitorUserId: "@v:hs", status: "active", audit }])
      .trim()
      .split("\r\n");
    expect(lines).toEqual([
      '"room_id","site_id","status","member","role","membership","on_roster","master_key","device_id","device_status","eligible","device_present","alerts","alert_messages"',
      '"!r:hs","demo","active","@a:hs","agent","join","true","MK","D1","cross-signed","true","true","",""',
      '"!r:hs","demo","active","@a:hs","agent","join","true","MK","D2","not cross-signed","false","true","unsigned_device","D2 unsigned"',
      '"!r:hs","demo","active","@s:hs","unknown","join","false","","","","false","","unexpected_member not_on_roster","stranger | not rostered"',
    ]);
  });
});
