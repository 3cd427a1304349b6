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

/** Read receipts for the newest message while the conversation is open: they clear the unread count, and the visitor's widget shows "Seen". */
export function useReadReceipts(client: MatrixClient, room: Room, last: string | undefined): void {
  // Read while open: a read receipt (private to the room's members) clears the unread count.
  useEffect(() => {
    const latest = room.getLiveTimeline().getEvents().at(-1);
    if (latest && latest.getSender() !== client.getUserId() && room.getEventReadUpTo(client.getSafeUserId()) !== latest.getId()) {
      void client.sendReadReceipt(latest).catch(() => {});
    }
  }, [last, client, room]);

  // The visitor's widget shows "Seen" from this receipt.
  useEffect(() => {
    const ev = room.getLiveTimeline().getEvents().at(-1);
    if (ev?.getId() && ev.getSender() !== client.getUserId() && document.visibilityState === "visible") void client.sendReadReceipt(ev).catch(() => {});
  }, [client, room, last]);
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
