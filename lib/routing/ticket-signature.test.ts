import { describe, expect, it } from "vitest";
import { signTicket, ticketSignatureValid } from "./ticket-signature";

const t = { id: "abcdefghijklmnop", visitorUserId: "@visitor-1:x", siteId: "demo", readers: ["@a:x", "@b:x"], expiresAt: 1_800_000_000_000 };

describe("routing ticket signature", () => {
  const sig = signTicket("s".repeat(32), t);

  it("accepts the ticket it signed", () => {
    expect(ticketSignatureValid("s".repeat(32), t, sig)).toBe(true);
  });

  it("refuses any changed field, another secret, or a mangled signature", () => {
    expect(ticketSignatureValid("s".repeat(32), { ...t, readers: ["@a:x", "@b:x", "@evil:x"] }, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), { ...t, visitorUserId: "@visitor-2:x" }, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), { ...t, siteId: "other" }, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), { ...t, expiresAt: t.expiresAt + 1 }, sig)).toBe(false);
    expect(ticketSignatureValid("t".repeat(32), t, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), t, sig.slice(0, -2) + "AA")).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), t, "")).toBe(false);
  });
});

describe("room-bound routing ticket signature (v2)", () => {
  const bound = { ...t, roomId: "!room:x" };
  const sig = signTicket("s".repeat(32), bound);

  it("covers the room: another room, or the same ticket without a room, does not verify", () => {
    expect(ticketSignatureValid("s".repeat(32), bound, sig)).toBe(true);
    expect(ticketSignatureValid("s".repeat(32), { ...bound, roomId: "!other:x" }, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), t, sig)).toBe(false);
    expect(ticketSignatureValid("s".repeat(32), bound, signTicket("s".repeat(32), t))).toBe(false);
  });
});

describe("the signature the Synapse module checks (shared vectors, synapse/modules/sealdesk_confinement_tests)", () => {
  const fields = {
    id: "abcdefghijklmnop",
    visitorUserId: "@visitor-0123456789abcdef01234567:localhost",
    siteId: "demo",
    readers: ["@agent:localhost", "@other-agent:localhost"],
    expiresAt: 4_102_444_800_000,
  };
  it("v1 (creation ticket) and v2 (bound to a prepared room) match Python's", () => {
    expect(signTicket("k".repeat(32), fields)).toBe("suiaANzx74GvJhi2FbLrWpF2DQY3pM2pwywxiEeZeBA");
    expect(signTicket("k".repeat(32), { ...fields, roomId: "!room:localhost" })).toBe("19_pHkaeYe_2uVLNrl6CBwxmwP93tuQRVWDeVmwcagY");
  });
});
