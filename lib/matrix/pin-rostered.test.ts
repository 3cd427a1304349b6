import { EventEmitter } from "node:events";
import type { MatrixClient } from "matrix-js-sdk";
import { CryptoEvent } from "matrix-js-sdk/lib/crypto-api/index.js";
import { describe, expect, it, vi } from "vitest";
import type { SignedRoster } from "../roster/roster";
import { pinRostered } from "./pin-rostered";

/** A client whose crypto layer says `@agent`'s identity needs approval while `state.needs` is true. */
function fakeClient(state: { needs: boolean }) {
  const emitter = new EventEmitter();
  const crypto = {
    getUserVerificationStatus: vi.fn(async () => ({ needsUserApproval: state.needs })),
    pinCurrentUserIdentity: vi.fn(async () => void (state.needs = false)),
  };
  const client = Object.assign(emitter, { getCrypto: () => crypto, getSafeUserId: () => "@me" });
  return { client: client as unknown as MatrixClient, emitter, crypto };
}

const roster = { agents: [{ user_id: "@agent", master_key: "K1" }] } as unknown as SignedRoster;
const seen = (key: string) => new Map([["@agent", { masterKey: key, hasDevices: true }]]);

describe("pinRostered", () => {
  it("pins a member whose identity is the roster's and needs approval", async () => {
    const f = fakeClient({ needs: true });
    await pinRostered(f.client, roster, ["@agent"], seen("K1"));
    expect(f.crypto.pinCurrentUserIdentity).toHaveBeenCalledWith("@agent");
  });

  it("never pins an identity the roster does not name", async () => {
    const f = fakeClient({ needs: true });
    await pinRostered(f.client, roster, ["@agent"], seen("K2"));
    expect(f.crypto.pinCurrentUserIdentity).not.toHaveBeenCalled();
  });

  it("keeps 'no approval needed' until the crypto layer says the identity changed, then reads and pins again", async () => {
    const state = { needs: false };
    const f = fakeClient(state);
    await pinRostered(f.client, roster, ["@agent"], seen("K1"));
    await pinRostered(f.client, roster, ["@agent"], seen("K1"));
    expect(f.crypto.getUserVerificationStatus).toHaveBeenCalledTimes(1);
    state.needs = true; // the identity changed (a new one the roster names, re-signed by the operator)
    f.emitter.emit(CryptoEvent.UserTrustStatusChanged, "@agent", {});
    await pinRostered(f.client, roster, ["@agent"], seen("K1"));
    expect(f.crypto.pinCurrentUserIdentity).toHaveBeenCalledTimes(1);
  });
});
