/** One unsent message as kept across page loads. */
export type StoredOutboxItem<C> = {
  /** The transaction id it was written with; a resend under it is stored once by the server. */
  txnId: string;
  content: C;
  failed: boolean;
  /**
   * The account whose device first tried to send it, if any. Only that account
   * may send it again: the server deduplicates per device, so another account
   * (a new visitor after storage was partly cleared) could deliver it twice.
   */
  owner?: string;
};

/** The part of the Web Storage API {@link StoredOutbox} uses (localStorage in the widget). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * The unsent messages of one site's visitor in this browser, in order, so
 * that messages still pending when the tab closes are sent when the widget
 * next runs, with the same transaction ids. Anything unreadable counts as
 * nothing stored (a clean start, never a crash).
 */
export class StoredOutbox<C> {
  constructor(
    private readonly store: KeyValueStore,
    private readonly key: string,
    /** Rejects stored content this version cannot send (returns null). */
    private readonly parseContent: (raw: unknown) => C | null,
  ) {}

  /** The stored messages `userId` may send, oldest first; messages owned by another account are dropped. */
  load(userId: string): StoredOutboxItem<C>[] {
    let raw: unknown;
    try {
      raw = JSON.parse(this.store.getItem(this.key) ?? "[]");
    } catch {
      return [];
    }
    if (!Array.isArray(raw)) return [];
    const items: StoredOutboxItem<C>[] = [];
    for (const r of raw as Record<string, unknown>[]) {
      if (typeof r !== "object" || r === null || typeof r.txnId !== "string") continue;
      if (r.owner !== undefined && r.owner !== userId) continue;
      const content = this.parseContent(r.content);
      if (content === null) continue;
      items.push({ txnId: r.txnId, content, failed: r.failed === true, ...(typeof r.owner === "string" ? { owner: r.owner } : {}) });
    }
    return items;
  }

  /** Replaces what is stored with `items` (the messages not yet sent), or clears it when there are none. */
  save(items: readonly StoredOutboxItem<C>[]): void {
    try {
      if (items.length) this.store.setItem(this.key, JSON.stringify(items));
      else this.store.removeItem(this.key);
    } catch {
      // Storage full or blocked: the messages still go out while this page stays open.
    }
  }
}
