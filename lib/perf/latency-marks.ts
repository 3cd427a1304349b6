/**
 * Browser performance marks on a message's way, read back by
 * `bench/message-latency.ts` (`performance.getEntriesByType("mark")`):
 * `sd:send:<txnId>:<step>` on the sender's side (`enter`: the message was
 * written; `checked`: the checks before sending passed; `sent:<eventId>`: the
 * server acknowledged it) and `sd:recv:<eventId>:<step>` on the receiver's
 * (`synced`, `decrypted`, `painted`). Each name is marked once; only the newest
 * {@link MAX_MARKED} are kept, so a page that runs for days does not grow.
 */
export const MAX_MARKED = 1_000;

const marked: string[] = [];
const seen = new Set<string>();

function markOnce(name: string): void {
  if (seen.has(name) || typeof performance === "undefined" || typeof performance.mark !== "function") return;
  seen.add(name);
  marked.push(name);
  performance.mark(name);
  if (marked.length > MAX_MARKED) {
    const oldest = marked.shift()!;
    seen.delete(oldest);
    performance.clearMarks(oldest);
  }
}

/** Marks a step of an outgoing message (`txnId`: the outbox's transaction id). */
export function markSend(txnId: string, step: "enter" | "checked" | `sent:${string}`): void {
  markOnce(`sd:send:${txnId}:${step}`);
}

/** Marks a step of an incoming message, by its event id. */
export function markReceived(eventId: string, step: "synced" | "decrypted" | "painted"): void {
  markOnce(`sd:recv:${eventId}:${step}`);
}
