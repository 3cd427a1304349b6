import type { mountChatView } from "./chat-view";
import { askHolderToRelease, requestTabLock, type TabLock } from "./tab-lock";

/** sessionStorage flag: this page was reloaded to take the chat over from another tab. */
export const TAKEOVER = "sealdesk:takeover";

/**
 * Takes the per-site lock, or shows "open in another tab" until it is released
 * (that tab closed) or the visitor takes over: the other tab is asked to stop its
 * client and hand over; only if it does not answer within 10 s is the lock stolen.
 */
export async function holdTabLock(name: string, view: ReturnType<typeof mountChatView>): Promise<TabLock> {
  const takeover = sessionStorage.getItem(TAKEOVER) === "1";
  sessionStorage.removeItem(TAKEOVER);
  const first = await requestTabLock(name, "try");
  if (first) return first;
  view.setStatus("");
  view.setOpenElsewhere(true);
  const waiting = new AbortController();
  const lock = await new Promise<TabLock>((resolve) => {
    requestTabLock(name, "wait", waiting.signal).then(
      (l) => l && resolve(l),
      () => {},
    );
    const takeOver = (): void => {
      askHolderToRelease(name);
      setTimeout(() => {
        if (waiting.signal.aborted) return;
        waiting.abort();
        void requestTabLock(name, "steal").then((l) => l && resolve(l));
      }, 10_000);
    };
    view.onTakeOver(takeOver);
    if (takeover) takeOver();
  });
  waiting.abort();
  view.setOpenElsewhere(false);
  view.setStatus("…", true);
  return lock;
}
