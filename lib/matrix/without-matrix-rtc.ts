import type { MatrixClient } from "matrix-js-sdk";

/**
 * Keeps matrix-js-sdk's MatrixRTC (calls) session manager from starting on this client.
 *
 * Why: once started, the manager makes a session object for every room the client ever
 * sees and keeps it (with the `Room`) for the client's lifetime, on purpose (matrix-js-sdk
 * 43, `MatrixRTCSessionManager.roomSessions`): rooms that the router or a console left and
 * dropped from the store stay in memory through it (the unit test shows it), and at a
 * console's first sync it builds one for each of its rooms. Sealdesk has no calls. Call
 * before `startClient`, which starts the manager after the first sync.
 */
export function withoutMatrixRTC(client: MatrixClient): void {
  const rtc = client.matrixRTC as unknown as { start?: () => void };
  if (typeof rtc?.start !== "function") throw new Error("matrix-js-sdk moved MatrixRTCSessionManager.start: review withoutMatrixRTC");
  rtc.start = () => {};
}
