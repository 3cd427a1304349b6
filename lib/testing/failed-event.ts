import { MatrixEvent } from "matrix-js-sdk";
import { vi } from "vitest";

let n = 0;

/** For tests: an m.room.encrypted event from `sender` whose decryption failed with `code`. */
export function failedEvent(sender: string, code: string): MatrixEvent {
  const ev = new MatrixEvent({
    type: "m.room.encrypted",
    sender,
    event_id: `$failed${++n}`,
    origin_server_ts: n,
    content: { algorithm: "m.megolm.v1.aes-sha2", ciphertext: "x" },
  });
  vi.spyOn(ev, "isDecryptionFailure").mockReturnValue(true);
  vi.spyOn(ev, "decryptionFailureReason", "get").mockReturnValue(code as MatrixEvent["decryptionFailureReason"]);
  return ev;
}
