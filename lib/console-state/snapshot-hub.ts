/** Called when a snapshot a reader subscribed to may have changed. */
export type Listener = () => void;

/**
 * Cached snapshots under string keys, each with its own listeners. A snapshot
 * is built on first read and kept, with the same identity, until its key is
 * invalidated: that is what `useSyncExternalStore` needs to neither loop nor
 * redraw readers of other keys.
 */
export interface SnapshotHub {
  /** The snapshot under `key`: the cached one, or `build()`'s (kept if `same` says it equals the old one). */
  read<T>(key: string, build: () => T, same?: (a: T, b: T) => boolean): T;
  /** Listens to changes of one key; returns the unsubscribe function. */
  subscribe(key: string, listener: Listener): () => void;
  /** Marks keys changed and tells their listeners. A key ending in `*` stands for every key with that prefix. */
  invalidate(keys: readonly string[]): void;
  /** Marks every key changed (something all snapshots depend on changed). */
  invalidateAll(): void;
}

type Entry = { value?: unknown; fresh: boolean; listeners: Set<Listener> };

/** A new, empty {@link SnapshotHub}. */
export function createSnapshotHub(): SnapshotHub {
  const entries = new Map<string, Entry>();
  const entry = (key: string): Entry => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { fresh: false, listeners: new Set() }));
    return e;
  };
  const matching = (key: string): string[] => (key.endsWith("*") ? [...entries.keys()].filter((k) => k.startsWith(key.slice(0, -1))) : [key]);
  const notify = (keys: Iterable<string>): void => {
    const stale = [...new Set(keys)].map((k) => entries.get(k)).filter((e): e is Entry => e !== undefined);
    for (const e of stale) e.fresh = false;
    // Listeners run after every key is marked, so a reader of two keys sees both changes.
    for (const e of stale) for (const l of [...e.listeners]) l();
  };
  return {
    read<T>(key: string, build: () => T, same?: (a: T, b: T) => boolean): T {
      const e = entry(key);
      if (!e.fresh) {
        const next = build();
        if (!("value" in e) || !same?.(e.value as T, next)) e.value = next;
        e.fresh = true;
      }
      return e.value as T;
    },
    subscribe(key, listener) {
      const e = entry(key);
      e.listeners.add(listener);
      return () => {
        e.listeners.delete(listener);
        // Forget keys nobody reads any more (rooms left, conversations closed).
        if (e.listeners.size === 0 && entries.get(key) === e) entries.delete(key);
      };
    },
    invalidate(keys) {
      notify(keys.flatMap(matching));
    },
    invalidateAll() {
      notify(entries.keys());
    },
  };
}
