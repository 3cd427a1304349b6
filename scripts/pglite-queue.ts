/** What the queue needs of PGlite. */
export type ProtocolDb = {
  isInTransaction(): boolean;
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  execProtocolRawStream(message: Uint8Array, opts: { onRawData: (data: Uint8Array) => void }): Promise<void>;
};

type Item = { handlerId: number; message: Uint8Array; onData: (d: Uint8Array) => void; resolve: (n: number) => void; reject: (e: Error) => void };

// Protocol messages after which a client's request is complete: Sync, simple Query, Terminate.
const ENDS_REQUEST = new Set(["S".charCodeAt(0), "Q".charCodeAt(0), "X".charCodeAt(0)]);

/**
 * Replaces pglite-socket's query queue, which takes the next protocol message
 * of *any* connection unless a transaction is open. postgres.js sends each
 * query as Parse/Bind/Describe/Execute/Sync, so two connections' messages got
 * interleaved on the one PGlite session ("bind message supplies 1 parameters,
 * but prepared statement requires 4"). This queue stays with a connection from
 * its first message until its request is complete (Sync or simple Query) and,
 * as before, for as long as a transaction it opened is open.
 */
export class SyncAwareQueryQueue {
  private queue: Item[] = [];
  private processing = false;
  private owner: number | null = null;

  constructor(private readonly db: ProtocolDb) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (d: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private next(): Item | undefined {
    if (this.owner === null) return this.queue.shift();
    const i = this.queue.findIndex((q) => q.handlerId === this.owner);
    return i === -1 ? undefined : this.queue.splice(i, 1)[0]; // wait for the owner's next message
  }

  private async process(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (let item = this.next(); item; item = this.next()) {
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item!.message, { onRawData: (d) => ((bytes += d.length), item!.onData(d)) }));
        } catch (e) {
          this.owner = null;
          item.reject(e as Error);
          continue;
        }
        // A startup message has no type byte; its first byte is 0 (length prefix).
        const first = item.message[0];
        const ends = first === 0 || (first !== undefined && ENDS_REQUEST.has(first));
        this.owner = ends && !this.db.isInTransaction() ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((q) => (q.handlerId === handlerId ? (q.reject(new Error("Handler disconnected")), false) : true));
  }

  /** A connection went away: roll back what it left open and let the others go on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) {
      await this.db.runExclusive(() => this.db.execProtocolRawStream(simpleQuery("ROLLBACK"), { onRawData: () => {} }));
    }
    this.owner = null;
    await this.process();
  }
}

/** A simple-protocol Query message. */
export function simpleQuery(sql: string): Uint8Array {
  const text = Buffer.from(`${sql}\0`, "utf8");
  const msg = Buffer.alloc(5 + text.length);
  msg.write("Q", 0, "ascii");
  msg.writeInt32BE(4 + text.length, 1);
  text.copy(msg, 5);
  return msg;
}
