import { afterEach, describe, expect, it, vi } from "vitest";
import { earlyAccount, newDeviceId } from "./visitor-session";

describe("newDeviceId", () => {
  it("makes Synapse's shape, the one the app accepts, with every letter in use", () => {
    const ids = Array.from({ length: 400 }, newDeviceId);
    for (const id of ids) expect(id).toMatch(/^[A-Z]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.join("")).size).toBe(26);
  });
});

describe("earlyAccount", () => {
  afterEach(() => vi.unstubAllGlobals());
  const account = { userId: "@visitor-0a1b:example.org", homeserverUrl: "https://hs.example" };

  it("is the account the page's unspent challenge makes, with a new device id, once", () => {
    vi.stubGlobal("window", { sealdeskEarlyWork: Promise.resolve(null), sealdeskEarlyAccount: account });
    const got = earlyAccount();
    expect(got).toMatchObject(account);
    expect(got?.deviceId).toMatch(/^[A-Z]{10}$/);
    expect(earlyAccount()).toBeUndefined();
  });

  it("is none once the challenge is spent (a later new visitor's account is not known ahead)", () => {
    vi.stubGlobal("window", { sealdeskEarlyWork: undefined, sealdeskEarlyAccount: account });
    expect(earlyAccount()).toBeUndefined();
  });
});
