/** Runs `fn` over `items`, at most `limit` at a time (Synapse requests in a burst). */
export async function inParallel<T>(items: readonly T[], fn: (item: T) => Promise<void>, limit = 10): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      // i < items.length (checked just above); `as T`, not `!`, because T itself may allow undefined.
      await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
