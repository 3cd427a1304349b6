import { describe, expect, it } from "vitest";
import { handoverRefusal, type HandoverFacts } from "./handover-decision";

const ORG = `ed25519:${"O".repeat(43)}`;
const good: HandoverFacts = {
  encryption: { sender: "@alice:hs", senderDevice: "DEVA", senderCurveKey: "curveA" },
  device: { curveKey: "curveA", signedByOwner: true },
  senderMasterKey: "M".repeat(43),
  roster: [{ user_id: "@alice:hs", master_key: "M".repeat(43) }],
  derivedKey: ORG,
  orgKey: ORG,
};

describe("handoverRefusal", () => {
  it("keeps a handover from a rostered operator's cross-signed device carrying the organisation key", () => {
    expect(handoverRefusal(good)).toBeNull();
  });

  it.each<[string, Partial<HandoverFacts>, string]>([
    ["sent in clear", { encryption: null }, "not end-to-end encrypted"],
    ["from an unknown device", { device: null }, "a device @alice:hs does not have"],
    ["Olm key of another device", { device: { curveKey: "curveX", signedByOwner: true } }, "a device @alice:hs does not have"],
    ["from a device the sender never cross-signed (injected)", { device: { curveKey: "curveA", signedByOwner: false } }, "never verified"],
    ["without a verified roster", { roster: null }, "no roster signed"],
    [
      "from someone not on the roster",
      { encryption: { sender: "@mallory:hs", senderDevice: "D", senderCurveKey: "curveA" } },
      "@mallory:hs is not on the roster",
    ],
    ["from a rostered user whose identity changed (reset by the server)", { senderMasterKey: "X".repeat(43) }, "@alice:hs is not on the roster"],
    ["carrying a malformed key", { derivedKey: null }, "malformed"],
    ["carrying another key than the organisation's", { derivedKey: `ed25519:${"E".repeat(43)}` }, "is not the organisation key"],
  ])("refuses a handover %s", (_what, change, why) => {
    expect(handoverRefusal({ ...good, ...change })).toContain(why);
  });
});
