/**
 * Groups concurrent calls into batches: a call made while a batch runs waits
 * for it and goes into the next one, together with every other call made
 * meanwhile (at most `maxBatch`). An idle caller is never delayed: its batch
 * starts at once. `run` answers a batch in order, one result per item; when it
 * throws, every call of that batch is rejected with the error.
 */
export function batchedCalls<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch = 200): (item: I) => Promise<O> {
  let pending: { item: I; resolve(o: O): void; reject(e: unknown): void }[] = [];
  let running = false;
  const drain = async (): Promise<void> => {
    running = true;
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      try {
        const results = await run(batch.map((b) => b.item));
        if (results.length !== batch.length) throw new Error(`batch answered ${results.length} of ${batch.length} calls`);
        batch.forEach((b, i) => b.resolve(results[i]!)); // i < results.length: the lengths are equal (checked above)
      } catch (err) {
        batch.forEach((b) => b.reject(err));
      }
    }
    running = false;
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
