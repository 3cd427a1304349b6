/** What {@link stopTypingWhenSent} needs: whether a message is on its way, its changes, and the "stopped typing" request. */
export type TypingStop = {
  /** True while a message the user wrote is still being sent. */
  busy(): boolean;
  /** Calls the listener after each change of what is being sent; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Sends "stopped typing". */
  stop(): void;
};

/**
 * Sends "stopped typing" at once, or, while a message is on its way, as soon as it is out.
 * Sent together with the message, the typing notice wakes the other side's /sync just before
 * the message is stored, and the message then waits for the next /sync (the bench counted this
 * for about half the visitor's messages). Returns a cancel (the user typed again).
 */
export function stopTypingWhenSent(o: TypingStop): () => void {
  if (!o.busy()) {
    o.stop();
    return () => {};
  }
  let done = false;
  const unsubscribe = o.subscribe(() => {
    if (done || o.busy()) return;
    done = true;
    unsubscribe();
    o.stop();
  });
  return () => {
    done = true;
    unsubscribe();
  };
}

/** How long the user types before "typing" goes out (see {@link typingNotices}). */
export const TYPING_NOTICE_AFTER_MS = 500;

/** What {@link typingNotices} needs: the notice request (`on`: typing, or stopped) and the outbox's state. */
export type TypingNoticeDeps = Pick<TypingStop, "busy" | "subscribe"> & { send(on: boolean): void };

/**
 * One composer's typing notices. "Typing" goes out once the user has typed
 * for `afterMs`: a message sent sooner (pasted, a canned response) goes without
 * one, which would only show "typing…" for an instant and wake the other
 * side's /sync just before the message is stored (the message then waits for
 * the next /sync). "Stopped typing" goes only after a "typing", once the
 * message on its way is out (see {@link stopTypingWhenSent}); a new "typing"
 * supersedes a stop still waiting.
 */
export function typingNotices(o: TypingNoticeDeps, afterMs = TYPING_NOTICE_AFTER_MS): { typing(): void; stopped(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let out = false;
  let cancelStop = (): void => {};
  return {
    /** The user types: "typing" after `afterMs`, or again at once (a refresh) while one is out. */
    typing() {
      if (timer) return;
      if (out) return o.send(true);
      timer = setTimeout(() => {
        timer = null;
        out = true;
        cancelStop();
        cancelStop = () => {};
        o.send(true);
      }, afterMs);
    },
    /** The user stopped (sent the message, or emptied the box). */
    stopped() {
      if (timer) clearTimeout(timer);
      timer = null;
      if (!out) return;
      out = false;
      cancelStop = stopTypingWhenSent({ busy: o.busy, subscribe: o.subscribe, stop: () => o.send(false) });
    },
  };
}
