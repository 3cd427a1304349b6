import { UserId } from "@matrix-org/matrix-sdk-crypto-wasm";
import type { MatrixClient } from "matrix-js-sdk";

type RustInternals = {
  olmMachine?: { updateTrackedUsers(users: UserId[]): Promise<void> };
  outgoingRequestsManager?: { doProcessOutgoingRequests(): Promise<void> };
};

/**
 * Makes this client's crypto layer track these users' devices and
 * cross-signing keys (and fetch them now), as it does for members of an
 * encrypted room it shares. Operators share no room, yet a handover needs the
 * crypto layer's own judgement of the other side's devices (cross-signed or
 * not) and an Olm session to them. matrix-js-sdk has no public call for this,
 * so it reaches the Rust OlmMachine's `updateTrackedUsers`; throws a clear
 * error if a new matrix-js-sdk moved it.
 */
export async function trackUsers(client: MatrixClient, userIds: readonly string[]): Promise<void> {
  const internals = client.getCrypto() as unknown as RustInternals | undefined;
  if (!internals?.olmMachine?.updateTrackedUsers || !internals.outgoingRequestsManager?.doProcessOutgoingRequests)
    throw new Error("This browser's encryption cannot look up the other operator's devices (matrix-js-sdk changed)");
  await internals.olmMachine.updateTrackedUsers(userIds.map((u) => new UserId(u)));
  await internals.outgoingRequestsManager.doProcessOutgoingRequests();
}
