// @vitest-environment jsdom
import { describe, expect, it, vi, beforeEach } from "vitest";
import type { StoredVisitor } from "./visitor-session";

// What happens to the store opened early for a new visitor's device, in order (the log is the assertion).
const log: string[] = [];
const EARLY = { baseUrl: "https://hs", userId: "@visitor-salt:hs", deviceId: "ABCDEFGHIJ" };
let provision: (deviceId?: string) => Promise<StoredVisitor>;

vi.mock("./visitor-session", () => ({
  loadVisitor: () => null,
  cryptoStoreExists: async () => false,
  forgetVisitor: async () => void log.push("forget the site's visitor"),
  earlyAccount: () => ({ homeserverUrl: EARLY.baseUrl, userId: EARLY.userId, deviceId: EARLY.deviceId }),
  provisionVisitor: (_site: string, _host: string, deviceId?: string) => provision(deviceId),
  saveVisitor: (_site: string, v: StoredVisitor) => void log.push(`save ${v.userId}/${v.deviceId}`),
  deleteCryptoStore: async (_site: string, deviceId: string) => void log.push(`delete store ${deviceId}`),
}));
vi.mock("../../lib/matrix/early-crypto-start", () => ({
  openCryptoEarly: (opts: { userId: string; deviceId: string }) => {
    log.push(`open store ${opts.deviceId}`);
    return { ...EARLY, discard: async () => void log.push(`discard ${opts.deviceId}`) };
  },
  earlyStartFits: (early: typeof EARLY, account: typeof EARLY) => early.userId === account.userId && early.deviceId === account.deviceId,
}));
vi.mock("../../lib/matrix/start-encrypted-client", () => ({
  DeviceNeedsVerificationError: class extends Error {},
  startEncryptedClient: async (opts: { deviceId: string; early?: { deviceId: string } }) => {
    log.push(`start ${opts.deviceId}${opts.early ? " on the early store" : ""}`);
    return { fake: "client" };
  },
}));
vi.mock("./page-storage", () => ({ storageIsPageOnly: () => false }));
const { startVisitor } = await import("./start-visitor");

const visitor = (deviceId: string): StoredVisitor => ({ homeserverUrl: EARLY.baseUrl, userId: EARLY.userId, deviceId, accessToken: "tok" }) as StoredVisitor;
const start = () => startVisitor("site1", "https://shop.example", "/crypto.wasm", () => {});

beforeEach(() => void (log.length = 0));

describe("startVisitor and the crypto store opened while the account is made", () => {
  it("starts on the early store when the homeserver made that account and device", async () => {
    provision = async (deviceId) => visitor(deviceId!);
    await start();
    expect(log).toEqual(["forget the site's visitor", "open store ABCDEFGHIJ", "save @visitor-salt:hs/ABCDEFGHIJ", "start ABCDEFGHIJ on the early store"]);
  });

  it("stops and deletes the early store when making the account fails, and reports the failure", async () => {
    provision = async () => {
      throw new Error("429 too many new visitors");
    };
    await expect(start()).rejects.toThrow("429 too many new visitors");
    // Closed before the deletion (an open connection would block it); nothing saved, nothing started.
    expect(log).toEqual(["forget the site's visitor", "open store ABCDEFGHIJ", "discard ABCDEFGHIJ", "delete store ABCDEFGHIJ"]);
  });

  it("drops the early store when the homeserver made another device, and starts a store of its own", async () => {
    provision = async () => visitor("ZYXWVUTSRQ");
    await start();
    expect(log).toEqual([
      "forget the site's visitor",
      "open store ABCDEFGHIJ",
      "save @visitor-salt:hs/ZYXWVUTSRQ",
      "discard ABCDEFGHIJ",
      "delete store ABCDEFGHIJ",
      "start ZYXWVUTSRQ",
    ]);
  });
});
