import { describe, expect, it } from "vitest";
import { simpleQuery, SyncAwareQueryQueue, type ProtocolDb } from "./pglite-queue";

const msg = (type: string): Uint8Array => Buffer.from(`${type}\0\0\0\x04`, "latin1");

function fakeDb(): ProtocolDb & { log: string[]; tx: boolean } {
  const db = {
    log: [] as string[],
    tx: false,
    isInTransaction: () => db.tx,
    runExclusive: <T>(fn: () => Promise<T>) => fn(),
    async execProtocolRawStream(m: Uint8Array) {
      db.log.push(String.fromCharCode(m[0] ?? 0));
      const text = Buffer.from(m).toString("latin1");
      if (text.includes("BEGIN")) db.tx = true;
      if (text.includes("COMMIT")) db.tx = false;
      await new Promise((r) => setTimeout(r, 1));
    },
  };
  return db;
}

describe("SyncAwareQueryQueue", () => {
  it("never interleaves two connections' extended-protocol requests", async () => {
    const db = fakeDb();
    const q = new SyncAwareQueryQueue(db);
    const order: string[] = [];
    const send = (h: number, types: string[]) => Promise.all(types.map((t) => q.enqueue(h, msg(t), () => {}).then(() => order.push(`${h}${t}`))));
    // Connection 1 sends Parse, Bind; connection 2 sends a whole request; then 1 finishes with Execute, Sync.
    const first = send(1, ["P", "B"]);
    const second = send(2, ["P", "B", "E", "S"]);
    const rest = send(1, ["E", "S"]);
    await Promise.all([first, second, rest]);
    expect(order).toEqual(["1P", "1B", "1E", "1S", "2P", "2B", "2E", "2S"]);
  });

  it("stays with a connection while its transaction is open", async () => {
    const db = fakeDb();
    const q = new SyncAwareQueryQueue(db);
    const order: string[] = [];
    await q.enqueue(1, simpleQuery("BEGIN"), () => {}).then(() => order.push("1 BEGIN"));
    const b = q.enqueue(2, msg("Q"), () => {}).then(() => order.push("2 query"));
    await new Promise((r) => setTimeout(r, 10)); // connection 2 waits meanwhile
    const c = q.enqueue(1, simpleQuery("COMMIT"), () => {}).then(() => order.push("1 COMMIT"));
    await Promise.all([b, c]);
    expect(order).toEqual(["1 BEGIN", "1 COMMIT", "2 query"]);
  });

  it("rolls back and moves on when the owning connection goes away mid-transaction", async () => {
    const db = fakeDb();
    const q = new SyncAwareQueryQueue(db);
    db.tx = true;
    await q.enqueue(1, msg("Q"), () => {});
    const other = q.enqueue(2, msg("Q"), () => {});
    db.tx = true;
    const rollback = q.clearTransactionIfNeeded(1);
    db.tx = false;
    await rollback;
    await other;
    expect(db.log).toEqual(["Q", "Q", "Q"]);
  });

  it("builds a simple query message", () => {
    expect(Buffer.from(simpleQuery("ROLLBACK")).toString("latin1")).toBe("Q\0\0\0\x0dROLLBACK\0");
  });
});
