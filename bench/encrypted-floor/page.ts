// The encrypted floor's page (bundled by bench/encrypted-floor/serve.ts, driven by bench/encrypted-floor.ts):
// one plain matrix-js-sdk client with its rust crypto in IndexedDB, cross-signed, as Element runs it, and
// nothing of Sealdesk's but the bench's performance marks (the same names as the console and the widget).
import { initAsync } from "@matrix-org/matrix-sdk-crypto-wasm";
import { createClient, MatrixEventEvent, MsgType, type MatrixClient, type MatrixEvent } from "matrix-js-sdk";
import { OnlySignedDevicesIsolationMode } from "matrix-js-sdk/lib/crypto-api";
import { markIncoming } from "../../lib/perf/incoming-marks";
import { markReceived, markSend } from "../../lib/perf/latency-marks";
import { crossSignNewAccount, startAndSync } from "../client-started";

/** What the driver passes to {@link start}. */
export type FloorAccount = {
  baseUrl: string;
  userId: string;
  deviceId: string;
  accessToken: string;
  wasmUrl: string;
  /** Sealdesk's isolation mode (MSC4153: keys only for cross-signed devices, messages only from them) instead of the SDK's default. */
  signedOnly?: boolean;
};

let client: MatrixClient | null = null;
const decrypted = new Set<string>();
const waiters = new Map<string, () => void>();

async function start(a: FloorAccount): Promise<void> {
  await initAsync(new URL(a.wasmUrl, location.href));
  const c = createClient({ baseUrl: a.baseUrl, userId: a.userId, deviceId: a.deviceId, accessToken: a.accessToken });
  await c.initRustCrypto();
  if (a.signedOnly) c.getCrypto()!.setDeviceIsolationMode(new OnlySignedDevicesIsolationMode());
  markIncoming(c as unknown as Parameters<typeof markIncoming>[0]);
  c.on(MatrixEventEvent.Decrypted, (e: MatrixEvent) => {
    const body = e.isDecryptionFailure() ? undefined : (e.getContent().body as string | undefined);
    const id = e.getId();
    if (!body || !id || e.getSender() === c.getUserId()) return;
    markReceived(id, "painted"); // nothing is drawn here: painted = decrypted (after markIncoming's own mark)
    decrypted.add(body);
    waiters.get(body)?.();
  });
  await startAndSync(c, 20);
  await crossSignNewAccount(c);
  client = c;
}

/** Sends `body` under `txnId` with the marks Sealdesk's outboxes set (no checks: `checked` at once). */
async function send(roomId: string, txnId: string, body: string): Promise<void> {
  markSend(txnId, "enter");
  markSend(txnId, "checked");
  const { event_id: eventId } = await client!.sendMessage(roomId, { msgtype: MsgType.Text, body }, txnId);
  markSend(txnId, `sent:${eventId}`);
}

/** Resolves once a message with `body` has been decrypted here; the decrypted mark stands in for Sealdesk's painted one. */
function waitDecrypted(body: string): Promise<void> {
  if (decrypted.has(body)) return Promise.resolve();
  return new Promise((resolve) => waiters.set(body, resolve));
}

Object.assign(globalThis, { encFloor: { start, send, waitDecrypted, stop: () => client?.stopClient() } });
