"use client";

import type { MatrixClient, Room } from "matrix-js-sdk";
import { useEffect, useMemo, useReducer } from "react";
import { loadWholeHistory, retryUnknownSenderDevices } from "../../lib/matrix/load-whole-history";
import { consoleOutbox, type ConsoleOutbox } from "./console-outbox";

/** The conversation's outbox, redrawing on its changes; the member check runs again when the readers change and every 10 s. */
export function useConversationOutbox(client: MatrixClient, roomId: string, readersKey: string): ConsoleOutbox {
  // Every message goes through the member check first (held while someone may not read it).
  const outbox = useMemo(() => consoleOutbox(client, roomId), [client, roomId]);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => outbox.subscribe(rerender), [outbox]);
  useEffect(() => {
    outbox.recheck();
    const timer = setInterval(() => outbox.recheck(), 10_000);
    return () => clearInterval(timer);
  }, [outbox, readersKey]);
  return outbox;
}

/**
 * Read receipts for the newest message while the conversation is open and the
 * tab is visible (and again when it becomes visible): they clear the unread
 * count, and the visitor's widget shows "Seen".
 */
export function useReadReceipts(client: MatrixClient, room: Room, last: string | undefined, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const markRead = (): void => {
      if (document.visibilityState !== "visible") return;
      const latest = room.getLiveTimeline().getEvents().at(-1);
      if (latest?.getId() && latest.getSender() !== client.getUserId() && room.getEventReadUpTo(client.getSafeUserId()) !== latest.getId())
        void client.sendReadReceipt(latest).catch(() => {});
    };
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [last, client, room, enabled]);
}

/** Loads the conversation's whole history, and retries messages whose sender's keys may have arrived since. */
export function useWholeHistory(client: MatrixClient, room: Room): void {
  useEffect(() => {
    void loadWholeHistory(client, room).catch(() => {});
    // Keys of a sender we had never seen may arrive after the first decryption attempt.
    const retry = setInterval(() => void retryUnknownSenderDevices(client, room).catch(() => {}), 3_000);
    return () => clearInterval(retry);
  }, [client, room]);
}
