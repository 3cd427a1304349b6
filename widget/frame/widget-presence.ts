import { sendPresence } from "./reply-email-api";

/**
 * "Open" for reply emails: the chat frame is loaded and its tab visible. While
 * so it pings every `everyMs`; on hiding or leaving the page it says closed at
 * once. A ping names no room and no message: it is the metadata "this visitor
 * is looking", which needs no content (Matrix read receipts would say which
 * event was read, and Synapse presence can be off or confined for visitors).
 */
export function keepPresence(token: string, everyMs: number): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const start = (): void => {
    clearInterval(timer);
    sendPresence(token, true);
    timer = setInterval(() => sendPresence(token, true), everyMs);
  };
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
    sendPresence(token, false);
  };
  const onVisibility = (): void => (document.visibilityState === "visible" ? start() : stop());
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", stop);
  if (document.visibilityState === "visible") start();
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", stop);
    clearInterval(timer);
  };
}
