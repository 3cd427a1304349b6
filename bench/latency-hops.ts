// Turns the marks and resource timings two pages recorded (lib/perf/latency-marks.ts)
// into one message's way from Enter on one side to painted on the other.

/**
 * A performance entry as read from a page, its time already absolute (timeOrigin + startTime, ms since the epoch).
 * Resource timings also carry when the request left (`sent`, requestStart), the answer's first byte
 * (`firstByte`, responseStart) and the server's own Server-Timing entries.
 */
export type Entry = { name: string; at: number; end: number; sent?: number; firstByte?: number; serverTiming?: { name: string; dur: number }[] };

/** What one page recorded: marks, and resource timings of its requests. */
export type PageEntries = { marks: Entry[]; resources: Entry[] };

/** The hops of one message, in ms; they add up to `total`. */
export type Hops = {
  /** Enter -> the checks before sending passed (room ready, roster/member checks). */
  checks: number;
  /** Checks passed -> the send request left (encryption, key sharing). */
  encrypt: number;
  /** The send request -> the other side's /sync answer that carried it (server, sync wake-up). */
  server: number;
  /** That /sync answer -> decrypted on the other side (sync processing, decryption). */
  decrypt: number;
  /** Decrypted -> painted (the DOM shows it). */
  paint: number;
  /** Enter -> painted. */
  total: number;
  /** Aside: the send request -> its answer (server acknowledgement). */
  ack: number;
  /** Aside: other /sync answers the receiver got between the send request and the one that carried it (typing, receipts). */
  busySyncs: number;
};

const SYNC = /\/_matrix\/client\/v3\/sync\?/;

/**
 * The hops of the message written under `txnId` on `sender` and shown on `receiver`,
 * or a string saying which entry is missing. The /sync answer that carried it is the
 * last one the receiver got before the event reached its timeline (the SDK sends the
 * next /sync only after processing the previous answer).
 */
export function hopsOf(txnId: string, sender: PageEntries, receiver: PageEntries): Hops | string {
  const mark = (p: PageEntries, name: string): number | undefined => p.marks.find((m) => m.name === name)?.at;
  const enter = mark(sender, `sd:send:${txnId}:enter`);
  const checked = mark(sender, `sd:send:${txnId}:checked`);
  const sentMark = sender.marks.find((m) => m.name.startsWith(`sd:send:${txnId}:sent:`));
  const put = sender.resources.find((r) => r.name.includes(`/send/m.room.encrypted/${encodeURIComponent(txnId)}`));
  if (enter === undefined || checked === undefined || !sentMark || !put) return `sender entries missing for ${txnId}`;
  const eventId = sentMark.name.slice(`sd:send:${txnId}:sent:`.length);
  const synced = mark(receiver, `sd:recv:${eventId}:synced`);
  const decrypted = mark(receiver, `sd:recv:${eventId}:decrypted`);
  const painted = mark(receiver, `sd:recv:${eventId}:painted`);
  if (synced === undefined || decrypted === undefined || painted === undefined) return `receiver marks missing for ${eventId}`;
  const firstSeen = Math.min(synced, decrypted);
  const sync = receiver.resources
    .filter((r) => SYNC.test(r.name) && r.end <= firstSeen)
    .reduce<number | undefined>((latest, r) => (latest === undefined || r.end > latest ? r.end : latest), undefined);
  if (sync === undefined) return `no /sync answer before ${eventId}`;
  const busySyncs = receiver.resources.filter((r) => SYNC.test(r.name) && r.end > put.at && r.end < sync).length;
  return {
    checks: checked - enter,
    encrypt: put.at - checked,
    server: sync - put.at,
    decrypt: decrypted - sync,
    paint: painted - decrypted,
    total: painted - enter,
    ack: put.end - put.at,
    busySyncs,
  };
}

/**
 * The requests the sender made while its checks ran (Enter -> checked) for each message, by path
 * (query strings dropped), with how long each took: what the checks waited for on the network.
 */
export function checkRequests(txnIds: readonly string[], sender: PageEntries): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of checkWindowRequests(txnIds, sender)) {
    const p = new URL(r.name).pathname;
    out.set(p, [...(out.get(p) ?? []), r.end - r.at]);
  }
  return out;
}

// The requests that began while a message's checks ran (Enter -> checked), the /sync long-poll left out.
function* checkWindowRequests(txnIds: readonly string[], sender: PageEntries): Generator<Entry> {
  for (const txn of txnIds) {
    const enter = sender.marks.find((m) => m.name === `sd:send:${txn}:enter`)?.at;
    const checked = sender.marks.find((m) => m.name === `sd:send:${txn}:checked`)?.at;
    if (enter === undefined || checked === undefined) continue;
    yield* sender.resources.filter((x) => x.at >= enter && x.at < checked && !SYNC.test(x.name));
  }
}

/**
 * Where the time of each request `checkRequests` finds went, by path: `queued` (the call -> the
 * request left: the browser's queue, a connection), `server` (left -> first byte of the answer),
 * `body` (first byte -> last), and each Server-Timing entry the server reported (`server:<name>`).
 */
export function checkRequestPhases(txnIds: readonly string[], sender: PageEntries): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  const add = (p: string, phase: string, ms: number): void => {
    const phases = out.get(p) ?? new Map<string, number[]>();
    out.set(p, phases.set(phase, [...(phases.get(phase) ?? []), ms]));
  };
  for (const r of checkWindowRequests(txnIds, sender)) {
    const p = new URL(r.name).pathname;
    if (r.sent === undefined || r.firstByte === undefined) continue;
    add(p, "queued", r.sent - r.at);
    add(p, "server", r.firstByte - r.sent);
    add(p, "body", r.end - r.firstByte);
    for (const t of r.serverTiming ?? []) add(p, `server:${t.name}`, t.dur);
  }
  return out;
}
