// Every message the load test sends, by a unique id: latency, loss and duplicates.

/** Who wrote: the visitor (to the agent) or the agent (to the visitor). */
export type Direction = "to-agent" | "to-visitor";

export type SentMessage = { id: string; dir: Direction; crypto: boolean; sentAt: number; step: number };

/** What `received` makes of a delivery: the first one, a duplicate, or an id never sent (a defect of the test). */
export type Delivery = "first" | "duplicate" | "unknown";

export type Ledger = {
  /** Records a message as its send starts (a delivery may reach the other side's sync before the send returns). */
  sent(m: SentMessage): void;
  /** The server refused the send or it failed: an error, not a loss. */
  failed(id: string): void;
  /** Records a delivery to the other side's sync at time `at`. */
  received(id: string, at: number): Delivery;
  /** Counters, and the latency of the messages `pick` selects (unreceived ones count as their age at `now`). */
  summary(now: number, pick?: (m: SentMessage) => boolean): LedgerSummary;
  /** Messages sent and not received (the loss, once the senders stopped and the syncs drained). */
  missing(pick?: (m: SentMessage) => boolean): SentMessage[];
};

export type LedgerSummary = {
  sent: number;
  received: number;
  pending: number;
  /** Failed sends (all directions; `pick` does not apply). */
  errors: number;
  duplicates: number;
  unknown: number;
  latencies: number[];
};

/** A new, empty ledger. */
export function createLedger(): Ledger {
  const sent = new Map<string, SentMessage>();
  const receivedAt = new Map<string, number>();
  let duplicates = 0;
  let errors = 0;
  return {
    sent(m) {
      if (sent.has(m.id)) throw new Error(`message id ${m.id} sent twice: ids must be unique`);
      sent.set(m.id, m);
    },
    failed(id) {
      if (sent.delete(id)) errors++;
    },
    received(id, at) {
      if (receivedAt.has(id)) {
        duplicates++;
        return "duplicate";
      }
      receivedAt.set(id, at);
      return sent.has(id) ? "first" : "unknown";
    },
    summary(now, pick = () => true) {
      const latencies: number[] = [];
      let count = 0;
      let received = 0;
      for (const m of sent.values()) {
        if (!pick(m)) continue;
        count++;
        const at = receivedAt.get(m.id);
        if (at !== undefined) received++;
        latencies.push((at ?? now) - m.sentAt);
      }
      const unknown = [...receivedAt.keys()].filter((id) => !sent.has(id)).length;
      return { sent: count, received, pending: count - received, errors, duplicates, unknown, latencies };
    },
    missing(pick = () => true) {
      return [...sent.values()].filter((m) => pick(m) && !receivedAt.has(m.id));
    },
  };
}
