import { describe, expect, it } from "vitest";
import { visitorSessionRequestSchema } from "./visitor-session";

const base = { siteId: "demo", hostOrigin: "https://shop.example", challenge: "v1.demo.15.1.00.00", nonce: "1a" };

describe("visitorSessionRequestSchema: the device id the widget chose", () => {
  it.each([
    ["absent (the homeserver chooses)", undefined],
    ["Synapse's shape", "QWERTYUIOP"],
  ])("accepts %s", (_, deviceId) => {
    expect(visitorSessionRequestSchema.parse({ ...base, deviceId }).deviceId).toBe(deviceId);
  });

  it.each([
    ["lower case", "qwertyuiop"],
    ["too short", "QWERTYUIO"],
    ["too long", "QWERTYUIOPA"],
    ["digits", "QWERTY1234"],
    ["a path", "QWE/../UIO"],
    ["empty", ""],
    ["not a string", 12],
  ])("refuses %s, naming the field", (_, deviceId) => {
    const parsed = visitorSessionRequestSchema.safeParse({ ...base, deviceId });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["deviceId"]);
  });
});
