/** One message the visitor wrote, as the outbox tracks it. */
export type OutboxItem<C> = {
  /** Transaction id: fixed when the message is written, reused by every retry (the server deduplicates on it). */
  txnId: string;
  content: C;
  state: "sending" | "sent" | "failed";
  /** The server's event id, once sent. */
  eventId?: string;
  /** When the current round of attempts began (reset by retry()). */
  since: number;
};

/** What {@link MessageOutbox} needs: a send that may be repeated with the same txnId, and a clock. */
export type OutboxOptions<C> = {
  /** Sends one message; resolves with its event id. Called again with the same txnId after a failure. */
  send(txnId: string, content: C): Promise<string>;
  /** Called after every state change. */
  onChange(): void;
  /** After this long without success a message shows as failed and waits for retry(). Default 30 s. */
  failAfterMs?: number;
  /** Pause before attempt n+1 (n >= 1). Default 1 s, 2 s, 4 s, then 5 s. */
  retryDelayMs?(attempt: number): number;
  now?(): number;
  newTxnId?(): string;
  /**
   * True while the send in flight is held back on purpose (the widget waits
   * until every member is on the signed roster): the message stays pending
   * instead of turning failed at the bound, which is checked again later.
   */
  held?(): boolean;
  /**
   * True for an error no retry can cure (the server refused this message for
   * good, e.g. an attachment over the visitor's upload quota): the message is
   * dropped at once (the caller tells the user why) and the ones behind it go on.
   */
  isRefusal?(err: unknown): boolean;
};

/**
 * Sends messages exactly once and in order: one at a time, each retried with
 * the same transaction id until it succeeds. A message that has not gone out
 * after `failAfterMs` shows as failed, and so does every message behind it
 * (none may overtake it); retry() starts them again, in order. A message in
 * flight at the deadline shows as failed but still becomes sent if that
 * attempt succeeds.
 */
export class MessageOutbox<C> {
  private readonly queue: OutboxItem<C>[] = [];
  private running = false;
  private wake: (() => void) | null = null;
  private readonly failAfterMs: number;
  private readonly delay: (attempt: number) => number;
  private readonly now: () => number;
  private readonly newTxnId: () => string;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: OutboxOptions<C>) {
    this.failAfterMs = opts.failAfterMs ?? 30_000;
    this.delay = opts.retryDelayMs ?? ((n) => Math.min(1000 * 2 ** (n - 1), 5000));
    this.now = opts.now ?? Date.now;
    this.newTxnId = opts.newTxnId ?? (() => `sd-${this.now().toString(36)}-${crypto.randomUUID()}`);
  }

  /** Every message written in this session, oldest first. */
  items(): readonly OutboxItem<C>[] {
    return this.queue;
  }

  /**
   * Queues a message behind the others and starts sending. `restored` puts back
   * a message an earlier session wrote but did not see sent: with its own
   * transaction id (so a copy the server already has is not stored twice), and
   * failed if it showed as failed (only the visitor's Retry sends it).
   */
  enqueue(content: C, restored?: { txnId: string; failed: boolean }): OutboxItem<C> {
    const item: OutboxItem<C> = { txnId: restored?.txnId ?? this.newTxnId(), content, state: restored?.failed ? "failed" : "sending", since: this.now() };
    // Behind a failed message, a new one waits with it (it may not overtake).
    if (this.queue.some((i) => i.state === "failed")) item.state = "failed";
    this.queue.push(item);
    this.opts.onChange();
    this.pump();
    return item;
  }

  /** True while the message written under `txnId` is on its way: queued or being sent, not sent, not failed. */
  sending(txnId: string): boolean {
    return this.queue.some((i) => i.txnId === txnId && i.state === "sending");
  }

  /** Starts every failed message again, in order (the Retry action). */
  retry(): void {
    for (const i of this.queue) if (i.state === "failed") Object.assign(i, { state: "sending", since: this.now() });
    this.opts.onChange();
    this.nudge();
    this.pump();
  }

  /** Tries the waiting message now instead of after its pause (e.g. the network is back). */
  nudge(): void {
    this.wake?.();
  }

  /** Forgets sent messages that the caller now shows from the room's timeline. */
  forget(eventIds: ReadonlySet<string>): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      const m = this.queue[i];
      if (m?.state === "sent" && m.eventId && eventIds.has(m.eventId)) this.queue.splice(i, 1);
    }
  }

  private pump(): void {
    if (this.running) return;
    this.running = true;
    void this.run().then(() => {
      this.running = false;
      // retry() may have been called while the last attempt was finishing.
      if (this.queue.some((i) => i.state === "sending")) this.pump();
    });
  }

  private async run(): Promise<void> {
    for (;;) {
      const head = this.queue.find((i) => i.state !== "sent");
      if (!head || head.state === "failed") return;
      let attempt = 0;
      for (;;) {
        attempt++;
        this.armDeadline(head);
        try {
          head.eventId = await this.opts.send(head.txnId, head.content);
          head.state = "sent";
          this.opts.onChange();
          break;
        } catch (err) {
          if (this.opts.isRefusal?.(err)) {
            this.queue.splice(this.queue.indexOf(head), 1);
            this.opts.onChange();
            break;
          }
          if (failed(head) || this.now() - head.since >= this.failAfterMs) {
            this.failFrom(head);
            return;
          }
          await this.pause(this.delay(attempt));
          if (failed(head)) return; // the deadline passed during the pause
        }
      }
    }
  }

  private armed: { item: OutboxItem<C>; since: number } | null = null;

  private armDeadline(head: OutboxItem<C>): void {
    if (this.armed?.item === head && this.armed.since === head.since) return;
    this.armed = { item: head, since: head.since };
    if (this.timer) clearTimeout(this.timer);
    const expire = (): void => {
      if (head.state !== "sending") return;
      if (this.opts.held?.()) return void (this.timer = setTimeout(expire, this.failAfterMs));
      this.failFrom(head);
      this.wake?.();
    };
    this.timer = setTimeout(expire, Math.max(0, head.since + this.failAfterMs - this.now()));
  }

  private failFrom(head: OutboxItem<C>): void {
    for (const i of this.queue.slice(this.queue.indexOf(head))) if (i.state === "sending") i.state = "failed";
    this.opts.onChange();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(t);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wake = done;
    });
  }
}

// A function, so TypeScript does not narrow `state` across the awaits that change it.
function failed(item: OutboxItem<unknown>): boolean {
  return item.state === "failed";
}
